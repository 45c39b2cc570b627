// k8s_yaml(yaml, allow_duplicates=False) and filter_yaml(yaml, labels, name, namespace, kind,
// api_version) (Tilt's k8s.go). YAML comes from paths, Blobs, or lists of them.
import {
  conv,
  formatCallStack,
  type Kwargs,
  None,
  StarThread,
  type Thread,
  Tuple,
  unpackArgs,
  type Value,
} from '@slant/starlark';
import type { K8sEntity } from '../../k8s/entity.ts';
import { filterByMetadataLabels } from '../../k8s/labels.ts';
import { appendObjects } from '../../k8s/object-index.ts';
import { newPartialMatchObjectSelector, objectSelectorMatches } from '../../k8s/object-selector.ts';
import { parseYAML, serializeSpecYAML } from '../../k8s/yaml.ts';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { fromStarString, starError, toStarString } from '../text.ts';
import { Blob, stringStringMap } from '../value.ts';
import { goTypeName, valueOrSequenceToSlice } from './k8s-args.ts';

export const EMPTY_YAML_ERROR = 'Empty YAML passed to k8s_yaml';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** value.ValueToAbsPath for a YAML argument: a string path (Blobs are handled before). */
function yamlPath(run: TiltfileRun, thread: Thread, v: Value): string {
  if (typeof v === 'string') return run.absPath(thread, v);
  throw starError(`expected path | string. Actual type: ${goTypeName(v)}`);
}

function entitiesFromValue(run: TiltfileRun, thread: Thread, v: Value): K8sEntity[] {
  if (v === None) return [];
  if (v instanceof Blob) {
    try {
      return parseYAML(fromStarString(v.text));
    } catch (err) {
      throw starError(`Error reading yaml from ${v.source}: ${errorText(err)}`);
    }
  }
  const path = yamlPath(run, thread, v);
  let text: string;
  try {
    text = run.readRecorded(path).toString('utf8');
  } catch (err) {
    throw starError(`error reading yaml file: ${errorText(err)}`);
  }
  try {
    return parseYAML(text);
  } catch (err) {
    const msg = errorText(err);
    if (msg.includes('json parse error: ')) {
      throw starError(`${path} is not a valid YAML file: ${msg}`);
    }
    throw starError(msg);
  }
}

/** Tilt's yamlEntitiesFromSkylarkValueOrList. */
export function yamlEntitiesFromValue(run: TiltfileRun, thread: Thread, v: Value): K8sEntity[] {
  return valueOrSequenceToSlice(v).flatMap((item) => entitiesFromValue(run, thread, item));
}

/** starlark-go's thread.CallStack().String() (as text), which Tilt keeps to report duplicates. */
function callStackText(thread: Thread): string {
  return thread instanceof StarThread ? fromStarString(formatCallStack(thread.callStack())) : '';
}

function k8sYaml(
  run: TiltfileRun,
  thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const [yaml = None, allowDuplicates = false] = unpackArgs(
    'k8s_yaml',
    args,
    kwargs,
    ['yaml', conv.value],
    ['allow_duplicates?', conv.bool],
  );
  const items = valueOrSequenceToSlice(yaml);
  if (items.length === 0) throw starError(EMPTY_YAML_ERROR);
  // starlark.AsString: only a plain string (not a Blob) counts as given text.
  const first = items[0];
  const firstString = typeof first === 'string' ? first : '';
  const entities = yamlEntitiesFromValue(run, thread, yaml);
  if (entities.length === 0 && firstString === '') throw starError(EMPTY_YAML_ERROR);
  try {
    appendObjects(run.state.k8s.objects, entities, callStackText(thread), allowDuplicates);
  } catch (err) {
    throw starError(errorText(err));
  }
  return None;
}

function filterYaml(
  run: TiltfileRun,
  thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const [
    yaml = None,
    labels = new Map<string, string>(),
    name = '',
    namespace = '',
    kind = '',
    apiVersion = '',
  ] = unpackArgs(
    'filter_yaml',
    args,
    kwargs,
    ['yaml', conv.value],
    ['labels?', stringStringMap],
    ['name?', conv.string],
    ['namespace?', conv.string],
    ['kind?', conv.string],
    ['api_version?', conv.string],
  );
  const entities = yamlEntitiesFromValue(run, thread, yaml);
  let selector: ReturnType<typeof newPartialMatchObjectSelector>;
  try {
    selector = newPartialMatchObjectSelector(
      fromStarString(apiVersion),
      fromStarString(kind),
      fromStarString(name),
      fromStarString(namespace),
    );
  } catch (err) {
    throw starError(errorText(err));
  }
  let match: K8sEntity[] = [];
  const rest: K8sEntity[] = [];
  for (const e of entities) (objectSelectorMatches(selector, e) ? match : rest).push(e);
  const labelMap = Object.fromEntries(
    [...labels].map(([k, v]) => [fromStarString(k), fromStarString(v)]),
  );
  if (Object.keys(labelMap).length > 0) {
    const [m, r] = filterByMetadataLabels(match, labelMap);
    match = m;
    rest.push(...r);
  }
  const source = yaml instanceof Blob ? yaml.source : 'filter_yaml';
  return new Tuple([
    new Blob(toStarString(serializeSpecYAML(match)), source),
    new Blob(toStarString(serializeSpecYAML(rest)), source),
  ]);
}

export const k8sYamlBuiltins: readonly TiltDefinition[] = [
  { name: 'k8s_yaml', fn: k8sYaml },
  { name: 'filter_yaml', fn: filterYaml },
];
