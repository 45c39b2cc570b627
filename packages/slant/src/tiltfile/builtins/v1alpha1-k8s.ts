// v1alpha1.kubernetes_apply, v1alpha1.kubernetes_discovery and their helper types (Tilt's
// generated v1alpha1 plugin), with KubernetesApply's validation texts.
import type { KubernetesApply, KubernetesDiscovery } from '@slant/api';
import { API_VERSION } from '@slant/api';
import type { Value } from '@slant/starlark';
import { conv, None, StarlarkError, unpackArgs } from '@slant/starlark';
import { formatGoDuration, parseGoDuration } from '../godur.ts';
import { registerObject } from '../objects.ts';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { hostString, starString } from '../run.ts';
import { stringList, stringStringMap, valueToAbsPath } from '../value.ts';
import { helperBuiltin, objectMeta, schemaConv, schemaListConv } from './v1alpha1-schema.ts';
import {
  disableSource,
  forward,
  kubernetesApplyCmd,
  kubernetesDiscoveryTemplateSpec,
  kubernetesImageLocator,
  kubernetesImageObjectDescriptor,
  kubernetesWatchRef,
  labelSelector,
  labelSelectorRequirement,
  objectSelector,
  podLogStreamTemplateSpec,
  portForwardTemplateSpec,
  restartOnSpec,
} from './v1alpha1-types.ts';

/** value.Duration: a Go duration string. */
function duration(v: Value): number {
  if (typeof v !== 'string')
    throw new StarlarkError(`Expected string. Got: ${typeof v === 'object' ? v.type : 'int'}`);
  try {
    return parseGoDuration(hostString(v));
  } catch (e) {
    throw new StarlarkError(starString((e as Error).message));
  }
}

function validateApply(a: KubernetesApply): string {
  const errs: string[] = [];
  const s = a.spec.discoveryStrategy ?? '';
  if (s !== '' && s !== 'default' && s !== 'selectors-only') {
    errs.push(
      `spec.discoveryStrategy: Unsupported value: ${JSON.stringify(s)}: supported values: "default", "selectors-only"`,
    );
  }
  const msg = 'must specify exactly ONE of .spec.yaml or .spec.applyCmd';
  if ((a.spec.yaml ?? '') !== '') {
    if (a.spec.applyCmd !== undefined) errs.push(`spec.applyCmd: Invalid value: "object": ${msg}`);
  } else if (a.spec.applyCmd === undefined) {
    errs.push(`spec.yaml: Required value: ${msg}`);
  } else if (a.spec.applyCmd.args.length === 0) {
    errs.push('spec.applyCmd.args: Required value: args cannot be empty');
  }
  return errs.length <= 1 ? (errs[0] ?? '') : `[${errs.join(', ')}]`;
}

const paths = (run: TiltfileRun, thread: Parameters<typeof valueToAbsPath>[1]) => (v: Value) =>
  valueToAbsPath(run, thread, v);

export const v1alpha1K8sBuiltins: readonly TiltDefinition[] = [
  helperBuiltin('v1alpha1.kubernetes_apply_cmd', kubernetesApplyCmd),
  helperBuiltin('v1alpha1.label_selector_requirement', labelSelectorRequirement),
  helperBuiltin('v1alpha1.label_selector', labelSelector),
  helperBuiltin('v1alpha1.kubernetes_discovery_template_spec', kubernetesDiscoveryTemplateSpec),
  helperBuiltin('v1alpha1.object_selector', objectSelector),
  helperBuiltin('v1alpha1.kubernetes_image_object_descriptor', kubernetesImageObjectDescriptor),
  helperBuiltin('v1alpha1.kubernetes_image_locator', kubernetesImageLocator),
  helperBuiltin('v1alpha1.kubernetes_watch_ref', kubernetesWatchRef),
  helperBuiltin('v1alpha1.pod_log_stream_template_spec', podLogStreamTemplateSpec),
  helperBuiltin('v1alpha1.forward', forward),
  helperBuiltin('v1alpha1.port_forward_template_spec', portForwardTemplateSpec),
  {
    name: 'v1alpha1.kubernetes_apply',
    fn: (run, thread, args, kwargs) => {
      const p = paths(run, thread);
      const [
        name,
        labels,
        annotations,
        yaml,
        imageMaps,
        locators,
        timeout,
        kdts,
        pfts,
        plsts,
        strategy,
        disable,
        applyCmd,
        restartOn,
        deleteCmd,
        cluster,
        ssa,
      ] = unpackArgs(
        'v1alpha1.kubernetes_apply',
        args,
        kwargs,
        ['name', conv.string],
        ['labels?', stringStringMap],
        ['annotations?', stringStringMap],
        ['yaml?', conv.string],
        ['image_maps?', stringList],
        ['image_locators?', schemaListConv(kubernetesImageLocator)],
        ['timeout?', duration],
        ['kubernetes_discovery_template_spec?', schemaConv(kubernetesDiscoveryTemplateSpec)],
        ['port_forward_template_spec?', schemaConv(portForwardTemplateSpec)],
        ['pod_log_stream_template_spec?', schemaConv(podLogStreamTemplateSpec)],
        ['discovery_strategy?', conv.string],
        ['disable_source?', schemaConv(disableSource)],
        ['apply_cmd?', schemaConv(kubernetesApplyCmd, p)],
        ['restart_on?', schemaConv(restartOnSpec)],
        ['delete_cmd?', schemaConv(kubernetesApplyCmd, p)],
        ['cluster?', conv.string],
        ['server_side_apply?', conv.bool],
      );
      type Spec = KubernetesApply['spec'];
      const spec: Record<string, unknown> = {};
      if ((yaml ?? '') !== '') spec.yaml = hostString(yaml!);
      if (imageMaps !== undefined && imageMaps.length > 0)
        spec.imageMaps = imageMaps.map(hostString);
      if (locators !== undefined && locators.length > 0) spec.imageLocators = locators;
      spec.timeout = formatGoDuration(timeout ?? 0);
      if (kdts !== undefined) spec.kubernetesDiscoveryTemplateSpec = kdts;
      if (pfts !== undefined) spec.portForwardTemplateSpec = pfts;
      if (plsts !== undefined) spec.podLogStreamTemplateSpec = plsts;
      if ((strategy ?? '') !== '') spec.discoveryStrategy = hostString(strategy!);
      if (disable !== undefined) spec.disableSource = disable;
      if (applyCmd !== undefined) spec.applyCmd = { args: [], dir: '', env: [], ...applyCmd };
      if (restartOn !== undefined) spec.restartOn = restartOn;
      if (deleteCmd !== undefined) spec.deleteCmd = { args: [], dir: '', env: [], ...deleteCmd };
      spec.cluster = hostString(cluster ?? '');
      if (ssa === true) spec.serverSideApply = true;
      const obj: KubernetesApply = {
        apiVersion: API_VERSION,
        kind: 'KubernetesApply',
        metadata: objectMeta(name!, labels, annotations),
        spec: spec as unknown as Spec,
      };
      const err = validateApply(obj);
      if (err !== '') throw new StarlarkError(starString(err));
      registerObject(run.state.objects, obj);
      return None;
    },
  },
  {
    name: 'v1alpha1.kubernetes_discovery',
    fn: (run, _thread, args, kwargs) => {
      const [name, labels, annotations, watches, extra, pfts, plsts, cluster] = unpackArgs(
        'v1alpha1.kubernetes_discovery',
        args,
        kwargs,
        ['name', conv.string],
        ['labels?', stringStringMap],
        ['annotations?', stringStringMap],
        ['watches?', schemaListConv(kubernetesWatchRef)],
        ['extra_selectors?', schemaListConv(labelSelector)],
        ['port_forward_template_spec?', schemaConv(portForwardTemplateSpec)],
        ['pod_log_stream_template_spec?', schemaConv(podLogStreamTemplateSpec)],
        ['cluster?', conv.string],
      );
      const spec: Record<string, unknown> = { watches: watches ?? [] };
      if (extra !== undefined && extra.length > 0) spec.extraSelectors = extra;
      if (pfts !== undefined) spec.portForwardTemplateSpec = pfts;
      if (plsts !== undefined) spec.podLogStreamTemplateSpec = plsts;
      spec.cluster = hostString(cluster ?? '');
      registerObject(run.state.objects, {
        apiVersion: API_VERSION,
        kind: 'KubernetesDiscovery',
        metadata: objectMeta(name!, labels, annotations),
        spec: spec as unknown as KubernetesDiscovery['spec'],
      });
      return None;
    },
  },
];
