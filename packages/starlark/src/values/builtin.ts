// Built-in functions and methods (starlark-go's *Builtin).
import { hashString } from './strhash.ts';
import { StarObject } from './object.ts';
import type { Value } from './object.ts';
import type { Kwargs, Thread } from './thread.ts';
import { typeName } from './compare.ts';

/** A builtin's implementation; recv is the bound receiver of a method, else undefined. */
export type BuiltinImpl = (
  thread: Thread,
  args: Value[],
  kwargs: Kwargs | null,
  recv: Value | undefined,
  fn: Builtin,
) => Value;

export class Builtin extends StarObject {
  readonly fname: string;
  readonly impl: BuiltinImpl;
  readonly recv: Value | undefined;
  constructor(name: string, impl: BuiltinImpl, recv?: Value) {
    super();
    this.fname = name;
    this.impl = impl;
    this.recv = recv;
  }
  get type(): string {
    return 'builtin_function_or_method';
  }
  override get name(): string {
    return this.fname;
  }
  override hash(): number {
    const h = hashString(this.fname);
    return this.recv === undefined ? h : (h ^ 5521) >>> 0;
  }
  override mapKey(): unknown {
    return this;
  }
  protected override freezeOwn(pending: StarObject[]): void {
    if (this.recv instanceof StarObject) pending.push(this.recv);
  }
  override repr(out: string[]): void {
    if (this.recv === undefined) out.push(`<built-in function ${this.fname}>`);
    else out.push(`<built-in method ${this.fname} of ${typeName(this.recv)} value>`);
  }
  override get callable(): boolean {
    return true;
  }
  override call(thread: Thread, args: Value[], kwargs: Kwargs | null): Value {
    return this.impl(thread, args, kwargs, this.recv, this);
  }
  /** A method closure: the same builtin bound to recv. */
  bind(recv: Value): Builtin {
    return new Builtin(this.fname, this.impl, recv);
  }
}
