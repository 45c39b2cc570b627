// v1alpha1.ui_button, v1alpha1.cmd, v1alpha1.config_map and their helper types (the part of
// Tilt's generated v1alpha1 plugin that extensions such as uibutton's cmd_button use).
import type { Cmd, ConfigMap, FileWatch, UIButton } from '@slant/api';
import { API_VERSION } from '@slant/api';
import type { Value } from '@slant/starlark';
import { conv, None, StarlarkError, unpackArgs } from '@slant/starlark';
import { registerObject } from '../objects.ts';
import type { TiltDefinition } from '../registry.ts';
import { hostString, starString } from '../run.ts';
import { localPath, localPathList, stringList, stringStringMap, valueToAbsPath } from '../value.ts';
import { helperBuiltin, objectMeta, schemaConv, schemaListConv } from './v1alpha1-schema.ts';
import {
  configMapDisableSource,
  disableSource,
  startOnSpec,
  restartOnSpec,
  uiComponentLocation,
  uiTextInputSpec,
  uiBoolInputSpec,
  uiHiddenInputSpec,
  uiChoiceInputSpec,
  execAction,
  httpHeader,
  httpGetAction,
  tcpSocketAction,
  handler,
  probe,
  ignoreDef,
  uiInputSpec,
} from './v1alpha1-types.ts';

/** UIButton.Validate, as a field.ErrorList aggregate ('' when valid). */
function validateButton(b: UIButton): string {
  const errs: string[] = [];
  if (b.spec.text === '') errs.push('spec.text: Required value: Button text cannot be empty');
  if (b.spec.location.componentID === '') {
    errs.push('spec.location.componentID: Required value: Parent component ID is required');
  }
  if ((b.spec.location.componentType as string) === '') {
    errs.push('spec.location.componentType: Required value: Parent component type is required');
  }
  const svg = b.spec.iconSVG ?? '';
  if (svg !== '' && !svg.includes('<svg')) {
    errs.push(`spec.iconSVG: Invalid value: ${JSON.stringify(svg)}: Invalid <svg> element`);
  }
  (b.spec.inputs ?? []).forEach((input, i) => {
    const kinds = [input.text, input.bool, input.hidden, input.choice].filter(
      (x) => x !== undefined,
    );
    const path = `spec.inputs[${i}]`;
    if (input.choice !== undefined && input.choice.choices.length === 0) {
      errs.push(`${path}: Invalid value: "object": must specify choices if input type is choice`);
    }
    if (kinds.length !== 1)
      errs.push(`${path}: Invalid value: "object": must specify exactly one input type`);
  });
  const unique = [...new Set(errs)];
  return unique.length <= 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}

export const v1alpha1ObjectBuiltins: readonly TiltDefinition[] = [
  helperBuiltin('v1alpha1.config_map_disable_source', configMapDisableSource),
  helperBuiltin('v1alpha1.disable_source', disableSource),
  helperBuiltin('v1alpha1.start_on_spec', startOnSpec, ['start_after', 'ui_buttons']),
  helperBuiltin('v1alpha1.restart_on_spec', restartOnSpec),
  helperBuiltin('v1alpha1.ui_component_location', uiComponentLocation),
  helperBuiltin('v1alpha1.ui_text_input_spec', uiTextInputSpec),
  helperBuiltin('v1alpha1.ui_bool_input_spec', uiBoolInputSpec),
  helperBuiltin('v1alpha1.ui_hidden_input_spec', uiHiddenInputSpec),
  helperBuiltin('v1alpha1.ui_choice_input_spec', uiChoiceInputSpec),
  helperBuiltin('v1alpha1.ui_input_spec', uiInputSpec),
  helperBuiltin('v1alpha1.ignore_def', ignoreDef),
  helperBuiltin('v1alpha1.exec_action', execAction),
  helperBuiltin('v1alpha1.http_header', httpHeader),
  helperBuiltin('v1alpha1.http_get_action', httpGetAction),
  helperBuiltin('v1alpha1.tcp_socket_action', tcpSocketAction),
  helperBuiltin('v1alpha1.handler', handler),
  helperBuiltin('v1alpha1.probe', probe),
  {
    name: 'v1alpha1.file_watch',
    fn: (run, thread, args, kwargs) => {
      const paths = (v: Value) => valueToAbsPath(run, thread, v);
      const [name, labels, annotations, watched, ignores, disable] = unpackArgs(
        'v1alpha1.file_watch',
        args,
        kwargs,
        ['name', conv.string],
        ['labels?', stringStringMap],
        ['annotations?', stringStringMap],
        ['watched_paths?', localPathList(run, thread)],
        ['ignores?', schemaListConv(ignoreDef, paths)],
        ['disable_source?', schemaConv(disableSource)],
      );
      const spec: FileWatch['spec'] = { watchedPaths: watched ?? [] };
      if (ignores !== undefined && ignores.length > 0) {
        spec.ignores = ignores as unknown as NonNullable<FileWatch['spec']['ignores']>;
      }
      if (disable !== undefined) {
        spec.disableSource = disable as unknown as NonNullable<FileWatch['spec']['disableSource']>;
      }
      registerObject(run.state.objects, {
        apiVersion: API_VERSION,
        kind: 'FileWatch',
        metadata: objectMeta(name!, labels, annotations),
        spec,
      });
      return None;
    },
  },
  {
    name: 'v1alpha1.ui_button',
    fn: (run, _thread, args, kwargs) => {
      const [
        name,
        labels,
        annotations,
        location,
        text,
        iconName,
        iconSVG,
        disabled,
        confirm,
        inputs,
      ] = unpackArgs(
        'v1alpha1.ui_button',
        args,
        kwargs,
        ['name', conv.string],
        ['labels?', stringStringMap],
        ['annotations?', stringStringMap],
        ['location?', schemaConv(uiComponentLocation)],
        ['text?', conv.string],
        ['icon_name?', conv.string],
        ['icon_svg?', conv.string],
        ['disabled?', conv.bool],
        ['requires_confirmation?', conv.bool],
        ['inputs?', schemaListConv(uiInputSpec)],
      );
      const spec: UIButton['spec'] = {
        location: {
          componentID: '',
          componentType: '',
          ...location,
        } as unknown as UIButton['spec']['location'],
        text: hostString(text ?? ''),
      };
      if ((iconName ?? '') !== '') spec.iconName = hostString(iconName!);
      if ((iconSVG ?? '') !== '') spec.iconSVG = hostString(iconSVG!);
      if (disabled === true) spec.disabled = true;
      if (confirm === true) spec.requiresConfirmation = true;
      if (inputs !== undefined && inputs.length > 0)
        spec.inputs = inputs as unknown as NonNullable<UIButton['spec']['inputs']>;
      const button: UIButton = {
        apiVersion: API_VERSION,
        kind: 'UIButton',
        metadata: objectMeta(name!, labels, annotations),
        spec,
      };
      const err = validateButton(button);
      if (err !== '') throw new StarlarkError(starString(err));
      registerObject(run.state.objects, button);
      return None;
    },
  },
  {
    name: 'v1alpha1.cmd',
    fn: (run, thread, args, kwargs) => {
      const [name, labels, annotations, cmdArgs, dir, env, readiness, restartOn, startOn, disable] =
        unpackArgs(
          'v1alpha1.cmd',
          args,
          kwargs,
          ['name', conv.string],
          ['labels?', stringStringMap],
          ['annotations?', stringStringMap],
          ['args?', stringList],
          ['dir?', localPath(run, thread)],
          ['env?', stringList],
          ['readiness_probe?', schemaConv(probe)],
          ['restart_on?', schemaConv(restartOnSpec)],
          ['start_on?', schemaConv(startOnSpec)],
          ['disable_source?', schemaConv(disableSource)],
        );
      // Field order as Tilt's CmdSpec (its JSON lists args first).
      const spec: Cmd['spec'] = {};
      if (cmdArgs !== undefined && cmdArgs.length > 0) spec.args = cmdArgs.map(hostString);
      spec.dir = dir ?? run.currentDir(thread);
      if (env !== undefined && env.length > 0) spec.env = env.map(hostString);
      if (readiness !== undefined) {
        spec.readinessProbe = readiness as unknown as NonNullable<Cmd['spec']['readinessProbe']>;
      }
      if (restartOn !== undefined)
        spec.restartOn = restartOn as unknown as NonNullable<Cmd['spec']['restartOn']>;
      if (startOn !== undefined)
        spec.startOn = startOn as unknown as NonNullable<Cmd['spec']['startOn']>;
      if (disable !== undefined)
        spec.disableSource = disable as unknown as NonNullable<Cmd['spec']['disableSource']>;
      registerObject(run.state.objects, {
        apiVersion: API_VERSION,
        kind: 'Cmd',
        metadata: objectMeta(name!, labels, annotations),
        spec,
      });
      return None;
    },
  },
  {
    name: 'v1alpha1.config_map',
    fn: (run, _thread, args, kwargs) => {
      const [name, labels, annotations, data] = unpackArgs(
        'v1alpha1.config_map',
        args,
        kwargs,
        ['name', conv.string],
        ['labels?', stringStringMap],
        ['annotations?', stringStringMap],
        ['data?', stringStringMap],
      );
      const cm: ConfigMap = {
        apiVersion: API_VERSION,
        kind: 'ConfigMap',
        metadata: objectMeta(name!, labels, annotations),
      };
      if (data !== undefined && data.size > 0) {
        cm.data = Object.fromEntries([...data].map(([k, v]) => [hostString(k), hostString(v)]));
      }
      registerObject(run.state.objects, cm);
      return None;
    },
  },
];
