// The objects to apply: the spec's YAML with Tilt's label, pull policy and the built images
// injected (Tilt's createEntitiesToDeploy). Everything here is deterministic for the same
// inputs, so re-applying after a restart changes nothing in the cluster and restarts no pods.
import { type ImageMap, type KubernetesApplySpec, LABELS, MANAGED_BY_VALUE } from '@slant/api';
import { type ImageRef, parseNormalizedNamed } from '../../container/ref.ts';
import { selectorFromImageMap } from '../../container/selector.ts';
import type { K8sEntity } from '../../k8s/entity.ts';
import {
  injectCommandAndArgs,
  injectImageDigest,
  injectImagePullPolicy,
  injectParallelPodManagementPolicy,
} from '../../k8s/image-inject.ts';
import { addLabels } from '../../k8s/label-inject.ts';
import { type ImageLocatorSpec, parseImageLocators } from '../../k8s/locator.ts';
import { injectPodTemplateSpecHashes } from '../../k8s/pod-template.ts';
import { parseYAML } from '../../k8s/yaml.ts';

/** An error whose text is the apply's status.error. */
export class ApplyError extends Error {}

function injectRefOf(im: ImageMap): ImageRef {
  const status = im.status ?? {};
  if ((status.image ?? '') === '') throw new ApplyError('internal error: missing image status');
  // The cluster's container runtime pulls the image, so inject the name it knows it by.
  const image = status.imageFromCluster || status.image || '';
  try {
    return parseNormalizedNamed(image);
  } catch (err) {
    throw new ApplyError(`parsing image map status: ${(err as Error).message}`);
  }
}

/** One image put into one object: what `-d` reports. */
export interface Injection {
  readonly entity: K8sEntity;
  readonly imageMap: ImageMap;
}

/**
 * The entities to apply, in YAML order. `imageMaps` are the spec's ImageMaps in spec order;
 * `onInjected` hears of each image put into an object. Throws ApplyError (Tilt's texts) when the
 * YAML, a locator or an image cannot be used.
 */
export function entitiesToDeploy(
  spec: KubernetesApplySpec,
  imageMaps: readonly ImageMap[],
  onInjected?: (i: Injection) => void,
): K8sEntity[] {
  let entities: K8sEntity[];
  let locators: ReturnType<typeof parseImageLocators>;
  try {
    entities = parseYAML(spec.yaml ?? '');
    locators = parseImageLocators((spec.imageLocators ?? []) as ImageLocatorSpec[]);
  } catch (err) {
    throw new ApplyError((err as Error).message);
  }
  const injected = new Set<string>();
  const result = entities.map((original) => {
    let e = addLabels(original, [{ key: LABELS.managedBy, value: MANAGED_BY_VALUE }]);
    if (imageMaps.length > 0) {
      // Frequent applies and `Always` pulls fight each other (tilt#3209); StatefulSets start
      // their pods in parallel during development (tilt#1962).
      e = injectImagePullPolicy(e, 'IfNotPresent');
      e = injectParallelPodManagementPolicy(e);
    }
    for (const im of imageMaps) {
      let selector: ReturnType<typeof selectorFromImageMap>;
      try {
        selector = selectorFromImageMap(im.spec);
      } catch (err) {
        throw new ApplyError((err as Error).message);
      }
      const ref = injectRefOf(im);
      const r = injectImageDigest(
        e,
        selector,
        ref,
        locators,
        im.spec.matchInEnvVars === true,
        'IfNotPresent',
      );
      e = r.entity;
      if (!r.replaced) continue;
      injected.add(im.metadata.name);
      onInjected?.({ entity: e, imageMap: im });
      const command = im.spec.overrideCommand?.command;
      const args = im.spec.overrideArgs?.args;
      if (command !== undefined || args !== undefined) {
        try {
          e = injectCommandAndArgs(e, ref, command, args);
        } catch (err) {
          throw new ApplyError((err as Error).message);
        }
      }
    }
    // Last, so the hash covers the injected image tags.
    return injectPodTemplateSpecHashes(e);
  });
  for (const im of imageMaps) {
    if (!injected.has(im.metadata.name)) {
      throw new ApplyError(`Docker image missing from yaml: ${im.metadata.name}`);
    }
  }
  return result;
}
