// Putting built images into Kubernetes objects before apply (Tilt's k8s/image.go): containers,
// init containers, image volumes, env vars (match_in_env_vars) and CRD fields via locators.
// Every function copies the entity; the input is never changed.
import { familiarString, type ImageRef, parseNormalizedNamed } from '../container/ref.ts';
import { newRefSelector, type RefSelector, selectorMatches } from '../container/selector.ts';
import {
  containers,
  copyEntity,
  entityApiVersion,
  entityKind,
  entityName,
  envVars,
  imageVolumeSources,
  isObject,
  type K8sEntity,
} from './entity.ts';
import { type ImageLocator, locatorExtract, locatorInject, type PullPolicy } from './locator.ts';

export type { PullPolicy } from './locator.ts';

export interface InjectResult {
  readonly entity: K8sEntity;
  /** Whether any image was replaced. */
  readonly replaced: boolean;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Sets `imagePullPolicy` on every container (Tilt sets IfNotPresent when it deploys images). */
export function injectImagePullPolicy(entity: K8sEntity, policy: PullPolicy): K8sEntity {
  const copy = copyEntity(entity);
  for (const c of containers(copy)) c.imagePullPolicy = policy;
  return copy;
}

/** StatefulSets start pods in parallel during development (tilt#1962, tilt#3906). */
export function injectParallelPodManagementPolicy(entity: K8sEntity): K8sEntity {
  const apiVersion = entityApiVersion(entity);
  const typed = ['apps/v1', 'apps/v1beta1', 'apps/v1beta2'].includes(apiVersion);
  if (entityKind(entity) !== 'StatefulSet' || !typed) return entity;
  const copy = copyEntity(entity);
  copy.spec = { ...(isObject(copy.spec) ? copy.spec : {}), podManagementPolicy: 'Parallel' };
  return copy;
}

/**
 * Replaces images selected by `selector` with `injectRef` (familiar form) everywhere Tilt looks,
 * setting `policy` as the pull policy of replaced containers and image volumes.
 */
export function injectImageDigest(
  entity: K8sEntity,
  selector: RefSelector,
  injectRef: ImageRef,
  locators: readonly ImageLocator[],
  matchInEnvVars: boolean,
  policy: PullPolicy,
): InjectResult {
  // Kubernetes never finds a digest ref in the node's local images, so Never would always fail.
  if (injectRef.digest !== undefined && policy === 'Never') {
    throw new Error('INTERNAL TILT ERROR: Cannot set PullNever with digest');
  }
  const copy = copyEntity(entity);
  const newImage = familiarString(injectRef);
  let replaced = false;

  for (const c of containers(copy)) {
    if (selectorMatches(selector, parseNormalizedNamed(str(c.image)))) {
      c.image = newImage;
      c.imagePullPolicy = policy;
      replaced = true;
    }
  }

  for (const iv of imageVolumeSources(copy)) {
    const reference = str(iv.reference);
    if (reference === '') continue;
    if (selectorMatches(selector, parseNormalizedNamed(reference))) {
      iv.reference = newImage;
      iv.pullPolicy = policy;
      replaced = true;
    }
  }

  if (matchInEnvVars) {
    for (const env of envVars(copy)) {
      const ref = tryParse(str(env.value));
      if (ref !== undefined && selectorMatches(selector, ref)) {
        env.value = newImage;
        replaced = true;
      }
    }
  }

  for (const locator of locators) {
    if (locatorInject(locator, copy, selector, injectRef, policy)) replaced = true;
  }
  return { entity: copy, replaced };
}

function tryParse(s: string): ImageRef | undefined {
  try {
    return parseNormalizedNamed(s);
  } catch {
    return undefined;
  }
}

/**
 * Overrides command and/or args of the containers running `ref` (docker_build's entrypoint and
 * container_args). Only containers are supported, not CRD fields.
 */
export function injectCommandAndArgs(
  entity: K8sEntity,
  ref: ImageRef,
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
): K8sEntity {
  const copy = copyEntity(entity);
  const selector = newRefSelector(ref);
  let injected = false;
  for (const c of containers(copy)) {
    if (!selectorMatches(selector, parseNormalizedNamed(str(c.image)))) continue;
    if (command !== undefined) c.command = [...command];
    if (args !== undefined) c.args = [...args];
    injected = true;
  }
  if (!injected) {
    throw new Error(
      `could not inject command [${(command ?? []).join(' ')}] into entity: ${entityName(entity)}. No container found matching ref: ${familiarString(ref)}. Note: command overrides only supported on containers with images, not on CRDs`,
    );
  }
  return copy;
}

/**
 * All image refs in `e`: containers, image volumes, locator paths, and env var values that one
 * of `envVarImages` selects.
 */
export function findImages(
  e: K8sEntity,
  locators: readonly ImageLocator[],
  envVarImages: readonly RefSelector[],
): ImageRef[] {
  const result: ImageRef[] = [];
  for (const c of containers(e)) {
    const image = str(c.image);
    try {
      result.push(parseNormalizedNamed(image));
    } catch (err) {
      throw new Error(`parsing ${image}: ${(err as Error).message}`);
    }
  }
  for (const iv of imageVolumeSources(e)) {
    const reference = str(iv.reference);
    if (reference === '') continue;
    try {
      result.push(parseNormalizedNamed(reference));
    } catch (err) {
      throw new Error(`parsing image volume reference ${reference}: ${(err as Error).message}`);
    }
  }
  for (const locator of locators) result.push(...locatorExtract(locator, e));
  for (const env of envVars(e)) {
    const ref = tryParse(str(env.value));
    if (ref === undefined) continue;
    for (const sel of envVarImages) if (selectorMatches(sel, ref)) result.push(ref);
  }
  return result;
}

/** Whether `e` uses the selected image (in env vars too when `inEnvVars`). */
export function hasImage(
  e: K8sEntity,
  image: RefSelector,
  locators: readonly ImageLocator[],
  inEnvVars: boolean,
): boolean {
  let images: ImageRef[];
  try {
    images = findImages(e, locators, inEnvVars ? [image] : []);
  } catch (err) {
    throw new Error(`HasImage: ${(err as Error).message}`);
  }
  return images.some((ref) => selectorMatches(image, ref));
}
