// Applying and deleting entities as Tilt's k8s client does: apply order, batches in parallel, a
// timeout per object, delete-and-recreate when a field is immutable, and a wait when the object
// is still being deleted. Log lines are Tilt's.
import type { Clock } from '../../clock.ts';
import type { KubeClient, KubeObjectRef } from '../../k8s/client.ts';
import {
  entityApiVersion,
  entityKind,
  entityName,
  entityNamespaceRaw,
  isObject,
  type K8sEntity,
} from '../../k8s/entity.ts';
import { sortedEntities, toParallelizableBatches } from '../../k8s/order.ts';
import { ApplyError } from './inject.ts';

export interface DeployDeps {
  readonly kube: KubeClient;
  readonly clock: Clock;
  /** One log line (without the newline). */
  readonly log: (line: string) => void;
}

const RECREATE_WAIT_MS = 30_000;
const DELETING_WAIT_MS = 60_000;

export function refOf(e: K8sEntity): KubeObjectRef {
  return {
    apiVersion: entityApiVersion(e),
    kind: entityKind(e),
    name: entityName(e),
    namespace: entityNamespaceRaw(e),
  };
}

// Tilt guesses from the error text, erring towards recreating.
function maybeImmutable(message: string): boolean {
  return message.includes('field is immutable') || message.includes('Forbidden:');
}

function isDeleting(e: K8sEntity): boolean {
  return isObject(e.metadata) && typeof e.metadata.deletionTimestamp === 'string';
}

/** An AbortSignal that fires on `parent` or after `ms` on the injected clock. */
function withTimeout(
  clock: Clock,
  ms: number,
  parent: AbortSignal,
): { signal: AbortSignal; done(): void; timedOut(): boolean } {
  const ctl = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, ms);
  const onAbort = () => ctl.abort();
  parent.addEventListener('abort', onAbort);
  if (parent.aborted) ctl.abort();
  return {
    signal: ctl.signal,
    done: () => {
      clock.clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
    timedOut: () => timedOut,
  };
}

async function applyOne(deps: DeployDeps, e: K8sEntity, signal: AbortSignal): Promise<K8sEntity[]> {
  const name = entityName(e);
  let fallback = false;
  let result: K8sEntity[];
  try {
    result = await deps.kube.apply([e], signal);
  } catch (err) {
    const msg = (err as Error).message;
    if (signal.aborted || !maybeImmutable(msg)) throw err;
    fallback = true;
    deps.log(`Updating "${name}" failed: ${msg.split('\n')[0] ?? ''}`);
    deps.log('Attempting to delete and re-create');
    await deps.kube.delete([refOf(e)], { waitMs: RECREATE_WAIT_MS, signal });
    result = await deps.kube.apply([e], signal);
  }
  if (result.some(isDeleting)) {
    // The object was being removed (e.g. by a previous down) while we applied: wait, re-apply.
    deps.log(
      `Resource ${name} is currently being deleted. Waiting 1m for deletion before retrying...`,
    );
    // Deleting again is harmless (it is already going) and lets delete() do the waiting.
    await deps.kube.delete([refOf(e)], { waitMs: DELETING_WAIT_MS, signal });
    result = await deps.kube.apply([e], signal);
  }
  if (fallback) deps.log(`Updating "${name}" succeeded!`);
  return result;
}

/**
 * Applies entities in apply order, each batch in parallel, each object within `timeoutMs`
 * (`timeoutText` is how the spec wrote it, for the error). Resolves with the applied objects.
 */
export async function applyEntities(
  deps: DeployDeps,
  entities: readonly K8sEntity[],
  timeoutMs: number,
  timeoutText: string,
  signal: AbortSignal,
): Promise<K8sEntity[]> {
  const results: K8sEntity[] = [];
  for (const batch of toParallelizableBatches(sortedEntities(entities))) {
    const applied = await Promise.all(
      batch.map(async (e) => {
        const t = withTimeout(deps.clock, timeoutMs, signal);
        try {
          return await applyOne(deps, e, t.signal);
        } catch (err) {
          if (t.timedOut()) {
            throw new ApplyError(
              `Killed kubectl. Hit timeout of ${timeoutText} applying ${entityKind(e)}/${entityName(e)}.`,
            );
          }
          throw err;
        } finally {
          t.done();
        }
      }),
    );
    for (const a of applied) results.push(...a);
  }
  return results;
}

/** Deletes entities (missing ones are fine), logging them as Tilt's client does. */
export async function deleteEntities(
  deps: DeployDeps,
  entities: readonly K8sEntity[],
  signal?: AbortSignal,
): Promise<void> {
  deps.log('Deleting kubernetes objects:');
  for (const e of entities) deps.log(`→ ${entityKind(e)}/${entityName(e)}`);
  await deps.kube.delete(entities.map(refOf), signal === undefined ? {} : { signal });
}
