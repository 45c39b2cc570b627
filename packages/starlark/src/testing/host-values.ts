// Host values the conformance files expect in their predeclared environment, with the behaviour
// starlark-go's test drivers give them: hasfields (a mutable attribute bag), fibonacci (an
// infinite iterable), gensym (a constructor of branded structs) and the benchmark object `b`.
import { StarlarkError } from '../errors.ts';
import {
  Builtin,
  List,
  NoSuchAttrError,
  None,
  StarObject,
  Struct,
  freeze,
  typeName,
} from '../values/index.ts';
import type { BinaryOp, Kwargs, Side, StarIterator, Thread, Value } from '../values/index.ts';

/** Any attribute can be set; names starting with "no" are refused, to test the spelling hint. */
export class HasFields extends StarObject {
  private readonly attrs = new Map<string, Value>();
  private frozen = false;
  get type(): string {
    return 'hasfields';
  }
  override hash(): number {
    return 42;
  }
  override mapKey(): unknown {
    return this;
  }
  override freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    for (const v of this.attrs.values()) freeze(v);
  }
  override repr(out: string[]): void {
    out.push('hasfields');
  }
  override attr(name: string): Value | undefined {
    return this.attrs.get(name);
  }
  override attrNames(): string[] {
    return [...this.attrs.keys()].sort();
  }
  override setField(name: string, v: Value): void {
    if (this.frozen) throw new StarlarkError('cannot set field on a frozen hasfields');
    if (name.startsWith('no')) throw new NoSuchAttrError(`no .${name} field`);
    this.attrs.set(name, v);
  }
  // Lets list.star exercise `list += x` where x is not iterable but defines list + x.
  override binary(op: BinaryOp, y: Value, _side: Side): Value | undefined {
    return op === '+' && y instanceof List ? 42 : undefined;
  }
}

export const hasfieldsBuiltin: Builtin = new Builtin('hasfields', (_t, args, kwargs, _r, fn) => {
  if (args.length + (kwargs?.length ?? 0) > 0) {
    throw new StarlarkError(`${fn.name}: unexpected arguments`);
  }
  return new HasFields();
});

/** The Fibonacci sequence, forever: an iterable with no length. */
export class Fibonacci extends StarObject {
  get type(): string {
    return 'fib';
  }
  override hash(): number {
    throw new StarlarkError('fib is unhashable');
  }
  override repr(out: string[]): void {
    out.push('fib');
  }
  override iterate(): StarIterator {
    let x = 0;
    let y = 1;
    return {
      next: () => {
        const v = x;
        [x, y] = [y, x + y];
        return v;
      },
      done: () => {},
    };
  }
}

/** A constructor symbol whose calls build structs branded with it (starlarkstruct's test). */
export class GenSymbol extends StarObject {
  readonly symName: string;
  constructor(name: string) {
    super();
    this.symName = name;
  }
  get type(): string {
    return 'symbol';
  }
  override get name(): string {
    return this.symName;
  }
  override hash(): number {
    throw new StarlarkError('unhashable: symbol');
  }
  override repr(out: string[]): void {
    out.push(this.symName);
  }
  override get callable(): boolean {
    return true;
  }
  override call(_thread: Thread, args: Value[], kwargs: Kwargs | null): Value {
    if (args.length > 0)
      throw new StarlarkError(`${this.symName}: unexpected positional arguments`);
    return new Struct(kwargs ?? [], this);
  }
}

export const gensymBuiltin: Builtin = new Builtin('gensym', (_t, args, kwargs) => {
  let name: Value | undefined = args[0];
  for (const [k, v] of kwargs ?? []) {
    if (k !== 'name') throw new StarlarkError(`gensym: unexpected keyword argument ${k}`);
    if (name !== undefined)
      throw new StarlarkError('gensym: got multiple values for keyword argument "name"');
    name = v;
  }
  if (args.length > 1)
    throw new StarlarkError(`gensym: got ${args.length} arguments, want at most 1`);
  if (name === undefined) throw new StarlarkError('gensym: missing argument for name');
  if (typeof name !== 'string') {
    throw new StarlarkError(`gensym: for parameter name: got ${typeName(name)}, want string`);
  }
  return new GenSymbol(name);
});

/** The `b` argument of benchmark.star's bench_* functions: b.n iterations; the clock is a no-op. */
export class BenchmarkArg extends StarObject {
  readonly n: number;
  constructor(n: number) {
    super();
    this.n = n;
  }
  get type(): string {
    return 'benchmark';
  }
  override hash(): number {
    throw new StarlarkError('unhashable: benchmark');
  }
  override repr(out: string[]): void {
    out.push('<benchmark>');
  }
  override attr(name: string): Value | undefined {
    if (name === 'n') return this.n;
    if (name === 'start' || name === 'stop' || name === 'restart') {
      return new Builtin(name, () => None, this);
    }
    return undefined;
  }
  override attrNames(): string[] {
    return ['n', 'restart', 'start', 'stop'];
  }
}

/** starlarkstruct.Make: struct(**fields). */
export const structBuiltin: Builtin = new Builtin('struct', (_t, args, kwargs) => {
  if (args.length > 0) throw new StarlarkError('struct: unexpected positional arguments');
  return new Struct(kwargs ?? []);
});
