// k8s_kind(), k8s_image_json_path() and workload_to_resource_function(): which objects are
// workloads, where their images are, and how workloads are named (Tilt's k8s.go).
import {
  conv,
  Dict,
  type Kwargs,
  None,
  repr,
  StarlarkError,
  StarlarkFunction,
  str,
  type Thread,
  typeName,
  unpackArgs,
  type Value,
  formatPosition,
} from '@slant/starlark';
import type { PodReadinessMode } from '../../k8s/group.ts';
import {
  type ImageLocator,
  newJSONPathImageLocator,
  newJSONPathImageObjectLocator,
} from '../../k8s/locator.ts';
import { newPartialMatchObjectSelector, type ObjectSelector } from '../../k8s/object-selector.ts';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { kindEntry } from '../state/k8s.ts';
import { fromStarString, starError } from '../text.ts';
import { asString } from '../value.ts';
import { podReadinessConv, valueOrSequenceToSlice } from './k8s-args.ts';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** JSONPathImageLocatorListSpec: a JSONPath string or a list of them. */
function jsonPathListConv(v: Value): string[] {
  return valueOrSequenceToSlice(v).map((item) => {
    const s = asString(item);
    if (s === undefined) throw new StarlarkError(`Expected string, got: ${str(item)}`);
    return fromStarString(s);
  });
}

interface ObjectLocatorSpec {
  jsonPath: string;
  repoField: string;
  tagField: string;
}

const OBJECT_FORM =
  "Expected dict of the form {'json_path': str, 'repo_field': str, 'tag_field': str}";
const OBJECT_FIELDS = ['json_path', 'repo_field', 'tag_field'] as const;

/** JSONPathImageObjectLocatorSpec: {'json_path', 'repo_field', 'tag_field'}, all strings. */
function objectLocatorConv(v: Value): ObjectLocatorSpec {
  if (!(v instanceof Dict)) throw new StarlarkError(`${OBJECT_FORM}. Actual: ${str(v)}`);
  const values = new Map<string, string>();
  for (const { k, v: val } of v.ht.entries()) {
    const key = asString(k);
    if (key === undefined || !OBJECT_FIELDS.includes(key as (typeof OBJECT_FIELDS)[number])) {
      throw new StarlarkError(`${OBJECT_FORM}: Unexpected key: ${str(k)}`);
    }
    const s = asString(val);
    if (s === undefined) {
      throw new StarlarkError(
        `${OBJECT_FORM}: Expected string at key ${JSON.stringify(str(k))}. Got: ${typeName(val)}`,
      );
    }
    values.set(key, fromStarString(s));
  }
  if (v.ht.size !== OBJECT_FIELDS.length) {
    throw new StarlarkError(
      `${OBJECT_FORM}: Missing keys. Actual keys: [${v
        .keys()
        .map((k) => repr(k))
        .join(' ')}]`,
    );
  }
  return {
    jsonPath: values.get('json_path') ?? '',
    repoField: values.get('repo_field') ?? '',
    tagField: values.get('tag_field') ?? '',
  };
}

function selector(apiVersion: string, kind: string, name: string, namespace: string) {
  try {
    return newPartialMatchObjectSelector(apiVersion, kind, name, namespace);
  } catch (err) {
    throw starError(errorText(err));
  }
}

function locators(sel: ObjectSelector, paths: readonly string[]): ImageLocator[] {
  try {
    return paths.map((p) => newJSONPathImageLocator(sel, p));
  } catch (err) {
    throw starError(errorText(err));
  }
}

function k8sKind(run: TiltfileRun, _t: Thread, args: readonly Value[], kwargs: Kwargs | null) {
  // image_json_path must be a keyword: `k8s_kind("Environment", "{.foo.bar}")` reads badly.
  if (args.length > 1) {
    throw starError(`k8s_kind: got ${args.length} arguments, want at most 1`);
  }
  const [
    kind = '',
    paths = [],
    apiVersion = '',
    objectSpec,
    podReadiness = '' as PodReadinessMode,
  ] = unpackArgs(
    'k8s_kind',
    args,
    kwargs,
    ['kind', conv.string],
    ['image_json_path?', jsonPathListConv],
    ['api_version?', conv.string],
    ['image_object?', objectLocatorConv],
    ['pod_readiness?', podReadinessConv],
  );
  const sel = selector(fromStarString(apiVersion), fromStarString(kind), '', '');
  const hasObject =
    objectSpec !== undefined &&
    (objectSpec.jsonPath !== '' || objectSpec.repoField !== '' || objectSpec.tagField !== '');
  if (paths.length > 0 && hasObject) {
    throw starError('Cannot specify both image_json_path and image_object');
  }
  const entry = kindEntry(run.state.k8s, sel);
  if (paths.length > 0) {
    entry.imageLocators = locators(sel, paths);
  } else if (hasObject && objectSpec !== undefined) {
    try {
      entry.imageLocators = [
        newJSONPathImageObjectLocator(
          sel,
          objectSpec.jsonPath,
          objectSpec.repoField,
          objectSpec.tagField,
        ),
      ];
    } catch (err) {
      throw starError(errorText(err));
    }
  }
  if (podReadiness !== '') entry.podReadinessMode = podReadiness;
  return None;
}

function k8sImageJsonPath(
  run: TiltfileRun,
  _t: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
) {
  const [paths = [], apiVersion = '', kind = '', name = '', namespace = ''] = unpackArgs(
    'k8s_image_json_path',
    args,
    kwargs,
    ['paths', jsonPathListConv],
    ['api_version?', conv.string],
    ['kind?', conv.string],
    ['name?', conv.string],
    ['namespace?', conv.string],
  );
  if (kind === '' && name === '' && namespace === '') {
    throw starError('at least one of kind, name, or namespace must be specified');
  }
  const sel = selector(
    fromStarString(apiVersion),
    fromStarString(kind),
    fromStarString(name),
    fromStarString(namespace),
  );
  kindEntry(run.state.k8s, sel).imageLocators = locators(sel, paths);
  return None;
}

function workloadToResourceFunction(
  run: TiltfileRun,
  _t: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
) {
  const [fn] = unpackArgs('workload_to_resource_function', args, kwargs, [
    'func',
    (v: Value) => {
      if (v instanceof StarlarkFunction) return v;
      throw new StarlarkError(`got ${typeName(v)}, want function`);
    },
  ]);
  if (fn === undefined) return None;
  if (fn.numParams !== 1) {
    throw starError(
      `workload_to_resource_function arg must take 1 argument. ${fromStarString(fn.name)} takes ${fn.numParams}`,
    );
  }
  run.state.k8s.workloadToResourceFunction = {
    fn,
    position: fromStarString(formatPosition(fn.position)),
  };
  return None;
}

export const k8sKindBuiltins: readonly TiltDefinition[] = [
  { name: 'k8s_kind', fn: k8sKind },
  { name: 'k8s_image_json_path', fn: k8sImageJsonPath },
  { name: 'workload_to_resource_function', fn: workloadToResourceFunction },
];
