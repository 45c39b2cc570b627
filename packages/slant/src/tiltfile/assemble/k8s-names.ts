// Resource names for workloads from workload_to_resource_function(fn): fn gets a K8sObjectID
// {name, kind, namespace, group} per workload and returns the resource name (Tilt's k8s.go).
import { StarlarkError, StarObject, StarThread, Tuple, type Value, hashKey } from '@slant/starlark';
import { entityGVK, entityName, entityNamespace, type K8sEntity } from '../../k8s/entity.ts';
import type { TiltfileRun } from '../run.ts';
import type { WorkloadToResourceFunction } from '../state/k8s.ts';
import { fromStarString, toStarString } from '../text.ts';
import { goTypeName } from '../builtins/k8s-args.ts';

const ID_FIELDS = ['name', 'kind', 'namespace', 'group'] as const;

/** Tilt's k8sObjectID: what workload_to_resource_function's argument looks like. */
export class K8sObjectID extends StarObject {
  readonly fields: Readonly<Record<(typeof ID_FIELDS)[number], string>>;
  constructor(fields: Readonly<Record<(typeof ID_FIELDS)[number], string>>) {
    super();
    this.fields = fields;
  }
  get type(): string {
    return 'K8sObjectID';
  }
  override truth(): boolean {
    return ID_FIELDS.some((f) => this.fields[f] !== '');
  }
  override hash(): number {
    return hashKey(new Tuple(ID_FIELDS.map((f) => toStarString(this.fields[f])))) as number;
  }
  override attr(name: string): Value | undefined {
    const f = ID_FIELDS.find((x) => x === name);
    // Tilt's own error (not starlark's "no .x field"), so no spelling hint either.
    if (f === undefined) throw new StarlarkError(`tiltfile.k8sObjectID has no attribute '${name}'`);
    return toStarString(this.fields[f]);
  }
  override attrNames(): string[] {
    return [...ID_FIELDS];
  }
  override repr(out: string[]): void {
    out.push(toStarString(idString(this.fields)));
  }
}

function idString(f: K8sObjectID['fields']): string {
  return `${f.name}:${f.kind}:${f.namespace}:${f.group}`.toLowerCase();
}

export function newK8sObjectID(e: K8sEntity): K8sObjectID {
  const gvk = entityGVK(e);
  return new K8sObjectID({
    name: entityName(e),
    kind: gvk.kind,
    namespace: entityNamespace(e),
    group: gvk.group,
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? fromStarString(err.message) : String(err);
}

/** Names per workload; throws Error with Tilt's texts (prefixed by the function's position). */
export function workloadNamesFromFunction(
  run: TiltfileRun,
  wtrf: WorkloadToResourceFunction,
  workloads: readonly K8sEntity[],
): string[] {
  const thread = new StarThread({
    name: 'workload_to_resource_function',
    print: (_t, msg) => run.print(msg),
  });
  const taken = new Map<string, K8sEntity>();
  const fail = (msg: string): never => {
    throw new Error(`${wtrf.position}: error applying workload_to_resource_function: ${msg}`);
  };
  return workloads.map((e) => {
    const id = newK8sObjectID(e);
    let ret: Value;
    try {
      ret = thread.call(wtrf.fn, [id], null);
    } catch (err) {
      return fail(
        `error determining resource name for '${idString(id.fields)}': ${errorText(err)}`,
      );
    }
    if (typeof ret !== 'string') {
      return fail(
        `error determining resource name for '${idString(id.fields)}': ${fromStarString(wtrf.fn.name)}: invalid return value. wanted: string. got: ${goTypeName(ret)}`,
      );
    }
    const name = fromStarString(ret);
    const other = taken.get(name);
    if (other !== undefined) {
      fail(
        `both '${idString(id.fields)}' and '${idString(newK8sObjectID(other).fields)}' mapped to resource name '${name}'`,
      );
    }
    taken.set(name, e);
    return name;
  });
}
