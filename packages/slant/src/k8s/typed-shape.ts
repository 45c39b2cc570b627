// Tilt decodes built-in kinds into their Go structs and serializes them back, so the YAML it
// applies drops empty `omitempty` fields (`args: []`, `hostPort: 0`, `labels: {}`, an env var's
// `value: ""`) and adds the struct fields that are never omitted (`resources: {}`,
// `strategy: {}`, a pod template's `metadata: {}` …). This reproduces that for the common
// built-in kinds; other kinds keep their fields as written.

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  v === 0 ||
  v === false ||
  (Array.isArray(v) && v.length === 0) ||
  (isObj(v) && Object.keys(v).length === 0);

/** Drops the named fields when they hold their zero value (Go's omitempty). */
function omitEmpty(o: Obj, fields: readonly string[]): void {
  for (const f of fields) if (f in o && isEmpty(o[f])) delete o[f];
}

/** Adds `{}` for struct fields Go always writes. */
function ensure(o: Obj, fields: readonly string[]): void {
  for (const f of fields) if (!(f in o) || o[f] === null) o[f] = {};
}

const CONTAINER_OMIT = [
  'command',
  'args',
  'workingDir',
  'ports',
  'envFrom',
  'env',
  'volumeMounts',
  'volumeDevices',
  'imagePullPolicy',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'stdin',
  'stdinOnce',
  'tty',
];
const PORT_OMIT = ['name', 'hostPort', 'protocol', 'hostIP'];
const META_OMIT = ['labels', 'annotations', 'namespace', 'finalizers', 'ownerReferences'];

function shapeMeta(meta: unknown): void {
  if (isObj(meta)) omitEmpty(meta, META_OMIT);
}

function shapeContainer(c: unknown): void {
  if (!isObj(c)) return;
  omitEmpty(c, CONTAINER_OMIT);
  ensure(c, ['resources']);
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p)) omitEmpty(p, PORT_OMIT);
  if (Array.isArray(c.env)) for (const e of c.env) if (isObj(e)) omitEmpty(e, ['value']);
}

function shapePodSpec(spec: unknown): void {
  if (!isObj(spec)) return;
  for (const f of ['containers', 'initContainers', 'ephemeralContainers']) {
    const list = spec[f];
    if (Array.isArray(list)) list.forEach(shapeContainer);
  }
  omitEmpty(spec, ['initContainers', 'ephemeralContainers', 'volumes', 'nodeSelector']);
}

/** PodTemplateSpec: its ObjectMeta is never omitted. */
function shapeTemplate(t: unknown): void {
  if (!isObj(t)) return;
  ensure(t, ['metadata', 'spec']);
  shapeMeta(t.metadata);
  const spec = t.spec as Obj;
  // PodSpec.Containers has no omitempty: a nil slice is written as null.
  if (!('containers' in spec)) spec.containers = null;
  shapePodSpec(spec);
}

// Struct fields of each workload's spec that Go always writes.
const SPEC_STRUCTS: Readonly<Record<string, readonly string[]>> = {
  'apps/Deployment': ['strategy', 'template'],
  'apps/StatefulSet': ['updateStrategy', 'template'],
  'apps/DaemonSet': ['updateStrategy', 'template'],
  'apps/ReplicaSet': ['template'],
  'batch/Job': ['template'],
  '/ReplicationController': [],
};

function group(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

// A deep copy of JSON-like data; several times faster than structuredClone on manifests, which
// are all plain objects, arrays and scalars (anything else is left to structuredClone).
function copyData(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(copyData);
  if (Object.getPrototypeOf(v) !== Object.prototype) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const c = copyData((v as Record<string, unknown>)[k]);
    // A `__proto__` key is data here, not the prototype.
    if (k === '__proto__') {
      Object.defineProperty(out, k, {
        value: c,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else out[k] = c;
  }
  return out;
}

/** A copy of `obj` shaped as Tilt's typed round trip writes it (unknown kinds unchanged). */
export function typedShape(obj: Obj): Obj {
  const g = group(obj.apiVersion);
  const kind = obj.kind;
  if (g === undefined || typeof kind !== 'string') return obj;
  const key = `${g}/${kind}`;
  const known =
    key in SPEC_STRUCTS || ['/Pod', '/Service', '/Namespace', 'batch/CronJob'].includes(key);
  if (!known) return obj;
  const o = copyData(obj) as Obj;
  shapeMeta(o.metadata);
  if (key === '/Pod') shapePodSpec(o.spec);
  else if (key === '/Namespace') ensure(o, ['spec']);
  else if (key === '/Service' && isObj(o.spec) && Array.isArray(o.spec.ports)) {
    for (const p of o.spec.ports) if (isObj(p) && !('targetPort' in p)) p.targetPort = 0;
  } else if (key === 'batch/CronJob' && isObj(o.spec)) {
    ensure(o.spec, ['jobTemplate']);
    const jt = o.spec.jobTemplate as Obj;
    ensure(jt, ['metadata']);
    if (isObj(jt.spec)) shapeTemplate(jt.spec.template);
  } else if (isObj(o.spec)) {
    ensure(o.spec, SPEC_STRUCTS[key]!);
    // StatefulSetSpec.ServiceName is a string without omitempty.
    if (key === 'apps/StatefulSet' && !('serviceName' in o.spec)) o.spec.serviceName = '';
    // The apps/v1 selector is a pointer without omitempty.
    if (g === 'apps' && !('selector' in o.spec)) o.spec.selector = null;
    shapeTemplate(o.spec.template);
  }
  return o;
}
