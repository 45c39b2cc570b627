// Label matching: which Services select a workload's pods (so they join its resource), and
// metadata label filters.
import {
  isObject,
  DEFAULT_NAMESPACE,
  entityApiVersion,
  entityKind,
  entityLabels,
  entityNamespace,
  type K8sEntity,
  podTemplateLabels,
  podTemplateSpecs,
} from './entity.ts';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'tilt';
export const MANIFEST_NAME_LABEL = 'tilt-manifest';

/** Splits entities into those passing `test` and the rest, keeping order. */
export function filterEntities(
  entities: readonly K8sEntity[],
  test: (e: K8sEntity) => boolean,
): [K8sEntity[], K8sEntity[]] {
  const passing: K8sEntity[] = [];
  const rest: K8sEntity[] = [];
  for (const e of entities) (test(e) ? passing : rest).push(e);
  return [passing, rest];
}

function isService(e: K8sEntity): boolean {
  return entityKind(e) === 'Service' && entityApiVersion(e) === 'v1';
}

/**
 * Whether the entity's pod selector matches `labels`. Only Services select pods here, and an
 * empty selector matches nothing.
 */
export function selectorMatchesLabels(e: K8sEntity, labels: Record<string, string>): boolean {
  if (!isService(e)) return false;
  const spec = isObject(e.spec) ? e.spec : {};
  const selector = isObject(spec.selector) ? spec.selector : {};
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  return entries.every(([k, v]) => typeof v === 'string' && labels[k] === v);
}

/** Whether `labels` are a subset of the entity's metadata labels. */
export function matchesMetadataLabels(e: K8sEntity, labels: Record<string, string>): boolean {
  const actual = entityLabels(e);
  return Object.entries(labels).every(([k, v]) => actual[k] === v);
}

export function filterByMetadataLabels(
  entities: readonly K8sEntity[],
  labels: Record<string, string>,
): [K8sEntity[], K8sEntity[]] {
  return filterEntities(entities, (e) => matchesMetadataLabels(e, labels));
}

export function filterByHasPodTemplateSpec(
  entities: readonly K8sEntity[],
): [K8sEntity[], K8sEntity[]] {
  return filterEntities(entities, (e) => podTemplateSpecs(e).length > 0);
}

/**
 * The entities (Services) whose selector matches one of the workload's pod templates. A Service
 * with an explicit namespace only matches a workload in that namespace; one without a namespace
 * matches any (tilt#6311).
 */
export function filterByMatchesPodTemplateSpec(
  workload: K8sEntity,
  entities: readonly K8sEntity[],
): [K8sEntity[], K8sEntity[]] {
  const templates = podTemplateSpecs(workload);
  if (templates.length === 0) return [[], [...entities]];
  const workloadNamespace = entityNamespace(workload);
  const matches: K8sEntity[] = [];
  let remaining = [...entities];
  for (const template of templates) {
    const labels = podTemplateLabels(template);
    const [match, rest] = filterEntities(remaining, (e) => {
      if (!selectorMatchesLabels(e, labels)) return false;
      const ns = entityNamespace(e);
      return ns === DEFAULT_NAMESPACE || ns === workloadNamespace;
    });
    matches.push(...match);
    remaining = rest;
  }
  return [matches, remaining];
}
