// os.environ: a dict-like view of the execution's environment (run.env). Writes change what
// later local() calls and resources see, as os.Setenv does in Tilt.
import type { CompareOp, Kwargs, StarIterator, Thread, Value } from '@slant/starlark';
import {
  Builtin,
  Dict,
  List,
  None,
  StarlarkError,
  StarObject,
  Tuple,
  checkPositional,
  compareDepth,
  len,
  repr,
  toArray,
  tryIterate,
  typeName,
} from '@slant/starlark';
import type { TiltfileRun } from '../run.ts';
import { hostString, starString } from '../run.ts';
import { asString } from '../value.ts';

type Method = (env: Environ, name: string, args: Value[], kwargs: Kwargs | null) => Value;

export class Environ extends StarObject {
  readonly run: TiltfileRun;
  constructor(run: TiltfileRun) {
    super();
    this.run = run;
  }
  get type(): string {
    return 'environ';
  }
  asDict(): Dict {
    const d = new Dict();
    for (const [k, v] of this.run.env) d.set(starString(k), starString(v));
    return d;
  }
  lookup(k: Value): Value | undefined {
    const s = asString(k);
    if (s === undefined) return undefined;
    const v = this.run.env.get(hostString(s));
    return v === undefined ? undefined : starString(v);
  }
  setKey(k: Value, v: Value): void {
    const ks = asString(k);
    if (ks === undefined)
      throw new StarlarkError(`putenv() key must be a string, not ${typeName(k)}`);
    const vs = asString(v);
    if (vs === undefined)
      throw new StarlarkError(`putenv() value must be a string, not ${typeName(v)}`);
    this.run.env.set(hostString(ks), hostString(vs));
  }
  delete(k: Value): Value | undefined {
    const v = this.lookup(k);
    if (v !== undefined) this.run.env.delete(hostString(asString(k)!));
    return v;
  }
  override truth(): boolean {
    return this.run.env.size > 0;
  }
  override hash(): number {
    throw new StarlarkError('unhashable type: environ');
  }
  override repr(out: string[]): void {
    out.push(repr(this.asDict()));
  }
  override len(): number {
    return this.run.env.size;
  }
  override get isMapping(): boolean {
    return true;
  }
  override get(k: Value): Value | undefined {
    return this.lookup(k);
  }
  override setIndex(k: Value, v: Value): void {
    this.setKey(k, v);
  }
  override iterate(): StarIterator | undefined {
    return this.asDict().iterate();
  }
  override mappingItems(): Array<readonly [Value, Value]> {
    return [...this.run.env].map(([k, v]) => [starString(k), starString(v)] as const);
  }
  override has(x: Value): boolean {
    return this.lookup(x) !== undefined;
  }
  override compareSameType(op: CompareOp, y: Value, depth: number): boolean {
    return compareDepth(op, this.asDict(), (y as Environ).asDict(), depth);
  }
  override attr(name: string): Value | undefined {
    const m = METHODS[name];
    if (m === undefined) return undefined;
    return new Builtin(name, (_t: Thread, args, kwargs) => m(this, name, args, kwargs), this);
  }
  override attrNames(): string[] {
    return Object.keys(METHODS).sort();
  }
}

function positional(name: string, args: Value[], kwargs: Kwargs | null, min: number, max: number) {
  checkPositional(name, args, kwargs, min, max);
}

const METHODS: Readonly<Record<string, Method>> = {
  clear: (env, name, args, kwargs) => {
    positional(name, args, kwargs, 0, 0);
    env.run.env.clear();
    return None;
  },
  get: (env, name, args, kwargs) => {
    positional(name, args, kwargs, 1, 2);
    return env.lookup(args[0]!) ?? args[1] ?? None;
  },
  items: (env, name, args, kwargs) => {
    positional(name, args, kwargs, 0, 0);
    return itemsOf(env);
  },
  keys: (env, name, args, kwargs) => {
    positional(name, args, kwargs, 0, 0);
    return listOf([...env.run.env.keys()].map(starString));
  },
  values: (env, name, args, kwargs) => {
    positional(name, args, kwargs, 0, 0);
    return listOf([...env.run.env.values()].map(starString));
  },
  pop: (env, name, args, kwargs) => {
    positional(name, args, kwargs, 1, 2);
    const v = env.delete(args[0]!);
    if (v !== undefined) return v;
    if (args[1] !== undefined) return args[1];
    throw new StarlarkError(`${name}: missing key`);
  },
  popitem: (env, name, args, kwargs) => {
    positional(name, args, kwargs, 0, 0);
    const first = env.run.env.keys().next();
    if (first.done === true) throw new StarlarkError(`${name}: empty environ`);
    const k = starString(first.value);
    return new Tuple([k, env.delete(k)!]);
  },
  setdefault: (env, name, args, kwargs) => {
    positional(name, args, kwargs, 1, 2);
    const v = env.lookup(args[0]!);
    if (v !== undefined) return v;
    const dflt = args[1] ?? None;
    try {
      env.setKey(args[0]!, dflt);
    } catch (e) {
      throw new StarlarkError(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return dflt;
  },
  update: (env, _name, args, kwargs) => {
    if (args.length > 1)
      throw new StarlarkError(`update: got ${args.length} arguments, want at most 1`);
    try {
      update(env, args[0], kwargs);
    } catch (e) {
      throw new StarlarkError(`update: ${e instanceof Error ? e.message : String(e)}`);
    }
    return None;
  },
};

function itemsOf(env: Environ): Value {
  return listOf([...env.run.env].map(([k, v]) => new Tuple([starString(k), starString(v)])));
}

function listOf(elems: Value[]): Value {
  return new List(elems);
}

function update(env: Environ, x: Value | undefined, kwargs: Kwargs | null): void {
  if (x !== undefined) {
    if (x instanceof Dict || x instanceof Environ) {
      const src = x instanceof Environ ? x.asDict() : x;
      for (const { k, v } of src.ht.entries()) env.setKey(k, v);
    } else {
      const it = tryIterate(x);
      if (it === undefined) throw new StarlarkError(`got ${typeName(x)}, want iterable`);
      try {
        let i = 0;
        for (let pair = it.next(); pair !== undefined; pair = it.next(), i++) {
          const n = len(pair);
          const inner = tryIterate(pair);
          if (inner === undefined) {
            throw new StarlarkError(
              `dictionary update sequence element #${i} is not iterable (${typeName(pair)})`,
            );
          }
          if (n < 0) {
            throw new StarlarkError(
              `dictionary update sequence element #${i} has unknown length (${typeName(pair)})`,
            );
          }
          if (n !== 2) {
            throw new StarlarkError(
              `dictionary update sequence element #${i} has length ${n}, want 2`,
            );
          }
          const [k, v] = toArray(inner);
          env.setKey(k!, v!);
        }
      } finally {
        it.done();
      }
    }
  }
  for (const [k, v] of kwargs ?? []) env.setKey(k, v);
}
