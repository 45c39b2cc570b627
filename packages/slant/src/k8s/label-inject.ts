// Adding labels before apply (Tilt's InjectLabels, e.g. app.kubernetes.io/managed-by=tilt): on
// the object and its pod templates; selectors only get labels they already have, since adding a
// selector term would stop them matching existing pods.
import {
  copyEntity,
  entityApiVersion,
  entityKind,
  isObject,
  isTypedWorkloadKind,
  type K8sEntity,
  podTemplateSpecs,
} from './entity.ts';

export interface LabelPair {
  readonly key: string;
  readonly value: string;
}

// overwrite: start from an empty map; addNew: also add keys the map didn't have.
function applyLabels(
  dest: Record<string, unknown> | undefined,
  labels: readonly LabelPair[],
  overwrite: boolean,
  addNew: boolean,
): Record<string, unknown> | undefined {
  const orig = dest;
  let out = overwrite ? undefined : dest;
  for (const { key, value } of labels) {
    out ??= {};
    if (addNew || (orig !== undefined && key in orig)) out[key] = value;
  }
  return out;
}

function labelMeta(
  holder: Record<string, unknown>,
  labels: readonly LabelPair[],
  overwrite: boolean,
): void {
  const meta = isObject(holder.metadata) ? holder.metadata : {};
  const current = isObject(meta.labels) ? meta.labels : undefined;
  const next = applyLabels(current === undefined ? {} : current, labels, overwrite, true);
  holder.metadata = { ...meta, labels: next ?? {} };
}

function labelSelectorMap(
  parent: Record<string, unknown>,
  key: string,
  labels: readonly LabelPair[],
  overwrite: boolean,
): void {
  const current = isObject(parent[key]) ? (parent[key] as Record<string, unknown>) : undefined;
  const next = applyLabels(current, labels, overwrite, false);
  if (next !== undefined) parent[key] = next;
}

function injectLabels(
  entity: K8sEntity,
  labels: readonly LabelPair[],
  overwrite: boolean,
): K8sEntity {
  const copy = copyEntity(entity);
  labelMeta(copy, labels, overwrite);
  if (isTypedWorkloadKind(copy)) {
    for (const template of podTemplateSpecs(copy)) labelMeta(template, labels, overwrite);
    const spec = isObject(copy.spec) ? copy.spec : undefined;
    if (spec !== undefined && isObject(spec.selector)) {
      labelSelectorMap(spec.selector, 'matchLabels', labels, overwrite);
    }
  }
  // A Service's selector is a plain map rather than a LabelSelector.
  if (entityKind(copy) === 'Service' && entityApiVersion(copy) === 'v1' && isObject(copy.spec)) {
    labelSelectorMap(copy.spec, 'selector', labels, overwrite);
  }
  return copy;
}

/** Adds `labels`, keeping the object's other labels. */
export function addLabels(entity: K8sEntity, labels: readonly LabelPair[]): K8sEntity {
  return injectLabels(entity, labels, false);
}

/** Replaces the object's labels with `labels`. */
export function overwriteLabels(entity: K8sEntity, labels: readonly LabelPair[]): K8sEntity {
  return injectLabels(entity, labels, true);
}
