// range(): a lazy arithmetic sequence of 32-bit ints.
import { StarlarkError } from '../errors.ts';
import { StarObject } from './object.ts';
import type { CompareOp, StarIterator, Value } from './object.ts';
import { Float } from './primitives.ts';

export function rangeLen(start: number, stop: number, step: number): number {
  if (step > 0) return stop > start ? Math.trunc((stop - 1 - start) / step) + 1 : 0;
  return start > stop ? Math.trunc((start - 1 - stop) / -step) + 1 : 0;
}

export class Range extends StarObject {
  readonly start: number;
  readonly stop: number;
  readonly step: number;
  readonly n: number;
  constructor(start: number, stop: number, step: number) {
    super();
    this.start = start;
    this.stop = stop;
    this.step = step;
    this.n = rangeLen(start, stop, step);
  }
  get type(): string {
    return 'range';
  }
  override truth(): boolean {
    return this.n > 0;
  }
  override hash(): number {
    throw new StarlarkError('unhashable: range');
  }
  override repr(out: string[]): void {
    if (this.step !== 1) out.push(`range(${this.start}, ${this.stop}, ${this.step})`);
    else if (this.start !== 0) out.push(`range(${this.start}, ${this.stop})`);
    else out.push(`range(${this.stop})`);
  }
  override len(): number {
    return this.n;
  }
  override get indexable(): boolean {
    return true;
  }
  override index(i: number): Value {
    return this.start + i * this.step;
  }
  override get sliceable(): boolean {
    return true;
  }
  override slice(start: number, end: number, step: number): Value {
    return new Range(
      this.start + this.step * start,
      this.start + this.step * end,
      this.step * step,
    );
  }
  override iterate(): StarIterator {
    return new RangeIterator(this);
  }
  override has(y: Value): boolean {
    let x: number | bigint;
    if (typeof y === 'number' || typeof y === 'bigint') x = y;
    else if (y instanceof Float && Number.isFinite(y.v)) x = Math.trunc(y.v);
    else {
      const t = typeof y === 'string' ? 'string' : typeof y === 'boolean' ? 'bool' : y.type;
      throw new StarlarkError(`'in <range>' requires integer as left operand, not ${t}`);
    }
    if (typeof x !== 'number' || x < -2147483648 || x > 2147483647) return false;
    const delta = x - this.start;
    const quo = Math.trunc(delta / this.step);
    return delta % this.step === 0 && quo >= 0 && quo < this.n;
  }
  override compareSameType(op: CompareOp, y_: Value): boolean {
    const y = y_ as Range;
    if (op !== '==' && op !== '!=') {
      throw new StarlarkError(`range ${op} range not implemented`);
    }
    let eq: boolean;
    if (this.n !== y.n) eq = false;
    else if (this.n === 0) eq = true;
    else eq = this.start === y.start && (this.n === 1 || this.step === y.step);
    return op === '==' ? eq : !eq;
  }
}

class RangeIterator implements StarIterator {
  private readonly r: Range;
  private i = 0;
  constructor(r: Range) {
    this.r = r;
  }
  next(): Value | undefined {
    return this.i < this.r.n ? this.r.start + this.i++ * this.r.step : undefined;
  }
  done(): void {}
}
