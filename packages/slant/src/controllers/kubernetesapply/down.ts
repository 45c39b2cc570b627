// `slant down` for Kubernetes (Tilt's deleteK8sEntities in cli/down.go): delete everything the
// given KubernetesApply objects declare, each one's objects in reverse apply order, keeping
// objects marked `tilt.dev/down-policy: keep` and, unless asked, namespaces.
import type { KubernetesApply } from '@slant/api';
import type { KubeClient } from '../../k8s/client.ts';
import {
  entityAnnotations,
  entityApiVersion,
  entityKind,
  entityName,
  type K8sEntity,
} from '../../k8s/entity.ts';
import { reverseSortedEntities } from '../../k8s/order.ts';
import { parseYAML } from '../../k8s/yaml.ts';
import { refOf } from './deploy.ts';

export interface DownOptions {
  /** `--delete-namespaces`. */
  readonly deleteNamespaces: boolean;
  readonly signal?: AbortSignal;
}

export interface DownResult {
  /** What was asked to be deleted, in order. */
  readonly deleted: K8sEntity[];
  /** Error texts (Tilt's wording); empty when all went well. */
  readonly errors: string[];
}

function isNamespace(e: K8sEntity): boolean {
  return entityApiVersion(e) === 'v1' && entityKind(e) === 'Namespace';
}

/**
 * Deletes the objects of `applies` (given in deletion order, e.g. dependents first) and writes
 * Tilt's lines through `log`. Objects applied by command (spec.deleteCmd) are the caller's.
 */
export async function downKubernetesApplies(
  kube: KubeClient,
  applies: readonly KubernetesApply[],
  opts: DownOptions,
  log: (line: string) => void,
): Promise<DownResult> {
  let entities: K8sEntity[] = [];
  for (const ka of applies) {
    if (ka.spec.deleteCmd !== undefined || (ka.spec.yaml ?? '') === '') continue;
    try {
      entities.push(...reverseSortedEntities(parseYAML(ka.spec.yaml ?? '')));
    } catch (err) {
      return { deleted: [], errors: [`Parsing manifest YAML: ${(err as Error).message}`] };
    }
  }
  entities = entities.filter((e) => entityAnnotations(e)['tilt.dev/down-policy'] !== 'keep');
  if (!opts.deleteNamespaces) {
    const namespaces = entities.filter(isNamespace);
    entities = entities.filter((e) => !isNamespace(e));
    if (namespaces.length > 0) {
      log(`Not deleting namespaces: ${namespaces.map(entityName).join(', ')}`);
      log('Run with --delete-namespaces to delete namespaces as well.');
    }
  }
  if (entities.length === 0) return { deleted: [], errors: [] };
  log('Deleting kubernetes objects:');
  for (const e of entities) log(`→ ${entityKind(e)}/${entityName(e)}`);
  try {
    await kube.delete(
      entities.map(refOf),
      opts.signal === undefined ? {} : { signal: opts.signal },
    );
  } catch (err) {
    return {
      deleted: entities,
      errors: [`Deleting k8s entities: kubernetes delete: ${(err as Error).message}`],
    };
  }
  return { deleted: entities, errors: [] };
}
