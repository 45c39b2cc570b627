// The base class of every non-primitive Starlark value, and the Value union.
import { StarlarkError } from '../errors.ts';
import type { Kwargs, Thread } from './thread.ts';

/**
 * A Starlark value. bool = JS boolean, int = safe-integer number or bigint outside the safe
 * range, string = binary string (one code unit per UTF-8 byte); everything else (None, float,
 * bytes, containers, functions, host values) is a StarObject.
 */
export type Value = StarObject | string | number | bigint | boolean;

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '//'
  | '%'
  | '|'
  | '&'
  | '^'
  | '<<'
  | '>>'
  | 'in'
  | 'not in';
export type UnaryOp = '+' | '-' | '~' | 'not';
export type Side = 'left' | 'right';

/** What StarObject.mapKey returns when the table must use hash() and equality. */
export const HASHED: unique symbol = Symbol('hashed');

export interface StarIterator {
  /** The next element, or undefined at the end. */
  next(): Value | undefined;
  /** Releases the iteration lock; call it in `finally`. */
  done(): void;
}

/**
 * Protocol methods with defaults that give starlark-go's "not supported" behaviour. Host types
 * override what they support, as Go types implement optional interfaces.
 */
export abstract class StarObject {
  /** The type() name. */
  abstract get type(): string;

  truth(): boolean {
    return true;
  }

  /** starlark-go's Hash (a uint32). */
  hash(): number {
    throw new StarlarkError(`unhashable type: ${this.type}`);
  }

  /**
   * The JS Map key for dicts/sets: a value with exact equality (identity for functions), or
   * HASHED to look up by hash() then equality.
   */
  mapKey(): unknown {
    return HASHED;
  }

  /**
   * Deep-freezes this value and everything it holds. A worklist, not recursion: a recursive
   * virtual call makes V8's optimizing compiler inline freeze into freeze for every value type,
   * which cost tens of milliseconds of compile time per Tiltfile load.
   */
  freeze(): void {
    const pending: StarObject[] = [this];
    for (let o = pending.pop(); o !== undefined; o = pending.pop()) o.freezeOwn(pending);
  }

  /**
   * Marks this value frozen and adds the values it holds to `pending`. Must be cycle-safe: a
   * mutable container sets its flag first and returns at once when it was set already.
   */
  protected freezeOwn(_pending: StarObject[]): void {}

  /** Appends the repr to out; path holds the containers being printed (cycle detection). */
  repr(out: string[], _path: StarObject[]): void {
    out.push(`<${this.type}>`);
  }

  /** str(); null means "same as repr". */
  str(): string | null {
    return null;
  }

  /** Attribute lookup; undefined when there is no such field or method. */
  attr(_name: string): Value | undefined {
    return undefined;
  }

  attrNames(): string[] {
    return [];
  }

  /** HasSetField. Null means unsupported. */
  setField(name: string, _v: Value): void {
    throw new StarlarkError(`can't assign to .${name} field of ${this.type}`);
  }

  /** Length for len() and Indexable; -1 when the value has none. */
  len(): number {
    return -1;
  }

  /** Indexable: true when index(i) is defined for 0 <= i < len(). */
  get indexable(): boolean {
    return false;
  }

  index(_i: number): Value {
    throw new StarlarkError(`${this.type} is not indexable`);
  }

  /** Mapping: true when get(k) is defined. */
  get isMapping(): boolean {
    return false;
  }

  /** Mapping lookup; undefined when k is absent. */
  get(_k: Value): Value | undefined {
    return undefined;
  }

  /**
   * starlark-go's IterableMapping.Items for host mappings: the (key, value) pairs dict() and
   * dict.update() copy; undefined when the value is not such a mapping.
   */
  mappingItems(): Array<readonly [Value, Value]> | undefined {
    return undefined;
  }

  /** x[k] = v; lists check and normalise int indices themselves. */
  setIndex(_k: Value, _v: Value): void {
    throw new StarlarkError(`${this.type} value does not support item assignment`);
  }

  /** Sliceable: true when slice(start, end, step) is defined (indices already normalised). */
  get sliceable(): boolean {
    return false;
  }

  slice(_start: number, _end: number, _step: number): Value {
    throw new StarlarkError(`invalid slice operand ${this.type}`);
  }

  /** An iterator (taking the iteration lock), or undefined when not iterable. */
  iterate(): StarIterator | undefined {
    return undefined;
  }

  /** Container (`in`); undefined when unsupported. */
  has(_x: Value): boolean | undefined {
    return undefined;
  }

  /** Comparison with a value of the same type; default is identity for == and !=. */
  compareSameType(op: CompareOp, y: Value, _depth: number): boolean {
    if (op === '==') return this === y;
    if (op === '!=') return this !== y;
    throw new StarlarkError(`${this.type} ${op} ${this.type} not implemented`);
  }

  /** HasBinary: undefined means unhandled. */
  binary(_op: BinaryOp, _y: Value, _side: Side): Value | undefined {
    return undefined;
  }

  /** HasUnary: undefined means unhandled. */
  unary(_op: UnaryOp): Value | undefined {
    return undefined;
  }

  /** Callable. */
  get callable(): boolean {
    return false;
  }

  call(_thread: Thread, _args: Value[], _kwargs: Kwargs | null): Value {
    throw new StarlarkError(`invalid call of non-function (${this.type})`);
  }

  /** Name of a callable (for backtraces); '' otherwise. */
  get name(): string {
    return '';
  }
}
