// A seeded PRNG (mulberry32): the fuzz test prints the seed of a failing input so it replays.
export class Rand {
  private state: number;
  constructor(seed: number) {
    this.state = seed | 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

/** Source text → the binary form the interpreter reads (one code unit per UTF-8 byte). */
export function toBinary(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}
