// Image locators: where images live in custom resources (k8s_kind(image_json_path=...) and
// k8s_kind(image_object={'json_path', 'repo_field', 'tag_field'})).
import {
  familiarName,
  familiarString,
  type ImageRef,
  parseNormalizedNamed,
} from '../container/ref.ts';
import { type RefSelector, selectorMatches } from '../container/selector.ts';
import type { K8sEntity } from './entity.ts';
import {
  findMatches,
  findStringMatches,
  goType,
  goValue,
  type JSONPath,
  type JSONPathMatch,
  parseJSONPath,
  setMatch,
} from './jsonpath.ts';
import {
  type ObjectSelector,
  type ObjectSelectorSpec,
  objectSelectorMatches,
  parseObjectSelector,
} from './object-selector.ts';

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** The API's KubernetesImageLocator. */
export interface ImageLocatorSpec {
  objectSelector: ObjectSelectorSpec;
  path: string;
  object?: { repoField: string; tagField: string };
}

export type ImageLocator =
  | { readonly type: 'path'; readonly selector: ObjectSelector; readonly path: JSONPath }
  | {
      readonly type: 'object';
      readonly selector: ObjectSelector;
      readonly path: JSONPath;
      readonly repoField: string;
      readonly tagField: string;
    };

export function newJSONPathImageLocator(selector: ObjectSelector, path: string): ImageLocator {
  return { type: 'path', selector, path: parseJSONPath(path) };
}

export function newJSONPathImageObjectLocator(
  selector: ObjectSelector,
  path: string,
  repoField: string,
  tagField: string,
): ImageLocator {
  return { type: 'object', selector, path: parseJSONPath(path), repoField, tagField };
}

export function parseImageLocators(specs: readonly ImageLocatorSpec[]): ImageLocator[] {
  return specs.map((spec) => {
    try {
      const selector = parseObjectSelector(spec.objectSelector);
      return spec.object === undefined
        ? newJSONPathImageLocator(selector, spec.path)
        : newJSONPathImageObjectLocator(
            selector,
            spec.path,
            spec.object.repoField,
            spec.object.tagField,
          );
    } catch (err) {
      throw new Error(`parsing image locator: ${(err as Error).message}`);
    }
  });
}

export function locatorToSpec(l: ImageLocator): ImageLocatorSpec {
  const base = { objectSelector: l.selector.spec, path: l.path.path };
  return l.type === 'path'
    ? base
    : { ...base, object: { repoField: l.repoField, tagField: l.tagField } };
}

export function locatorMatchesType(l: ImageLocator, e: K8sEntity): boolean {
  return objectSelectorMatches(l.selector, e);
}

export function locatorMatchesOne(l: ImageLocator, entities: readonly K8sEntity[]): boolean {
  return entities.some((e) => locatorMatchesType(l, e));
}

function imageFromMap(l: ImageLocator & { type: 'object' }, m: JSONPathMatch): ImageRef {
  const v = m.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new Error(
      `May only match maps (json_path=${JSON.stringify(l.path.path)})\nGot Type: ${goType(v)}\nGot Value: ${goValue(v)}`,
    );
  }
  const map = v as Record<string, unknown>;
  const repo = typeof map[l.repoField] === 'string' ? (map[l.repoField] as string) : '';
  const tag = map[l.tagField];
  const image = typeof tag === 'string' && tag !== '' ? `${repo}:${tag}` : repo;
  return parseNormalizedNamed(image);
}

/** The images the locator finds in `e` (none if `e` isn't of the locator's kind). */
export function locatorExtract(l: ImageLocator, e: K8sEntity): ImageRef[] {
  if (!locatorMatchesType(l, e)) return [];
  if (l.type === 'object') return findMatches(l.path, e).map((m) => imageFromMap(l, m));
  return findStringMatches(l.path, e).map((m) => {
    const image = m.value as string;
    try {
      return parseNormalizedNamed(image);
    } catch (err) {
      throw new Error(
        `error parsing image '${image}' at json path '${l.path.path}': ${(err as Error).message}`,
      );
    }
  });
}

/**
 * Replaces the selected images in `e` (mutated; callers pass a copy) with `injectRef`. A string
 * locator also sets an `imagePullPolicy` that already sits beside the image; the object form
 * writes the repo and, when the ref has one, the tag.
 */
export function locatorInject(
  l: ImageLocator,
  e: K8sEntity,
  selector: RefSelector,
  injectRef: ImageRef,
  policy: PullPolicy,
): boolean {
  if (!locatorMatchesType(l, e)) return false;
  let modified = false;
  if (l.type === 'object') {
    for (const m of findMatches(l.path, e)) {
      if (!selectorMatches(selector, imageFromMap(l, m))) continue;
      const map = m.value as Record<string, unknown>;
      map[l.repoField] = familiarName(injectRef);
      if (injectRef.tag !== undefined) map[l.tagField] = injectRef.tag;
      modified = true;
    }
    return modified;
  }
  for (const m of findStringMatches(l.path, e)) {
    let ref: ImageRef;
    try {
      ref = parseNormalizedNamed(m.value as string);
    } catch {
      continue;
    }
    if (!selectorMatches(selector, ref)) continue;
    setMatch(m, familiarString(injectRef));
    modified = true;
    const parent = m.parent;
    if (parent !== undefined && !Array.isArray(parent) && 'imagePullPolicy' in parent) {
      parent.imagePullPolicy = policy;
    }
  }
  return modified;
}
