// Stable sorting with Go's sort.Stable algorithm (insertion-sorted blocks of 20, then SymMerge),
// so the comparisons made, and so the comparison error reported, match starlark-go.
import { compare, cmpFloats, cmpFloatInt } from '../values/compare.ts';
import type { Value } from '../values/object.ts';
import { Float } from '../values/primitives.ts';

/** Sorts values (by keys when given) in place, stably; throws the last comparison error. */
export function sortValues(values: Value[], keys: Value[] | null, reverse: boolean): void {
  const ks = keys ?? values;
  const fast = fastComparator(ks);
  if (fast !== null) {
    // A total order makes the stable result unique, so a native stable sort gives Go's result.
    const idx = ks.map((_, i) => i);
    idx.sort(reverse ? (i, j) => fast(ks[j]!, ks[i]!) : (i, j) => fast(ks[i]!, ks[j]!));
    const vs = idx.map((i) => values[i]!);
    const kk = idx.map((i) => ks[i]!);
    for (let i = 0; i < vs.length; i++) values[i] = vs[i]!;
    if (keys !== null) for (let i = 0; i < kk.length; i++) keys[i] = kk[i]!;
    return;
  }
  let err: unknown;
  const less = reverse
    ? (i: number, j: number) => lt(ks[j]!, ks[i]!)
    : (i: number, j: number) => lt(ks[i]!, ks[j]!);
  function lt(a: Value, b: Value): boolean {
    try {
      return compare('<', a, b);
    } catch (e) {
      err = e; // as starlark-go: the last comparison error wins
      return false;
    }
  }
  const swap = (i: number, j: number) => {
    const v = values[i]!;
    values[i] = values[j]!;
    values[j] = v;
    if (keys !== null) {
      const k = keys[i]!;
      keys[i] = keys[j]!;
      keys[j] = k;
    }
  };
  stable(values.length, less, swap);
  if (err !== undefined) throw err;
}

type Cmp = (a: Value, b: Value) => number;

function fastComparator(ks: readonly Value[]): Cmp | null {
  if (ks.length < 2) return () => 0;
  let strings = true;
  let numbers = true;
  for (const k of ks) {
    if (typeof k !== 'string') strings = false;
    if (typeof k !== 'number' && !(k instanceof Float)) numbers = false;
    if (!strings && !numbers) return null;
  }
  if (strings) return (a, b) => ((a as string) < (b as string) ? -1 : a === b ? 0 : 1);
  return (a, b) => {
    if (typeof a === 'number') {
      if (typeof b === 'number') return a - b;
      return -cmpFloatInt((b as Float).v, a);
    }
    if (typeof b === 'number') return cmpFloatInt((a as Float).v, b);
    return cmpFloats((a as Float).v, (b as Float).v);
  };
}

function stable(
  n: number,
  less: (i: number, j: number) => boolean,
  swap: (i: number, j: number) => void,
): void {
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertionSort(a, b, less, swap);
    a = b;
    b += blockSize;
  }
  insertionSort(a, n, less, swap);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(a, a + blockSize, b, less, swap);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(a, m, n, less, swap);
    blockSize *= 2;
  }
}

function insertionSort(
  a: number,
  b: number,
  less: (i: number, j: number) => boolean,
  swap: (i: number, j: number) => void,
): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && less(j, j - 1); j--) swap(j, j - 1);
  }
}

function symMerge(
  a: number,
  m: number,
  b: number,
  less: (i: number, j: number) => boolean,
  swap: (i: number, j: number) => void,
): void {
  if (m - a === 1) {
    let i = m;
    let j = b;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (less(h, a)) i = h + 1;
      else j = h;
    }
    for (let k = a; k < i - 1; k++) swap(k, k + 1);
    return;
  }
  if (b - m === 1) {
    let i = a;
    let j = m;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (!less(m, h)) i = h + 1;
      else j = h;
    }
    for (let k = m; k > i; k--) swap(k, k - 1);
    return;
  }
  const mid = (a + b) >>> 1;
  const n = mid + m;
  let start: number;
  let r: number;
  if (m > mid) {
    start = n - b;
    r = mid;
  } else {
    start = a;
    r = m;
  }
  const p = n - 1;
  while (start < r) {
    const c = (start + r) >>> 1;
    if (!less(p - c, c)) start = c + 1;
    else r = c;
  }
  const end = n - start;
  if (start < m && m < end) rotate(start, m, end, swap);
  if (a < start && start < mid) symMerge(a, start, mid, less, swap);
  if (mid < end && end < b) symMerge(mid, end, b, less, swap);
}

function rotate(a: number, m: number, b: number, swap: (i: number, j: number) => void): void {
  let i = m - a;
  let j = b - m;
  while (i !== j) {
    if (i > j) {
      swapRange(m - i, m, j, swap);
      i -= j;
    } else {
      swapRange(m - i, m + j - i, i, swap);
      j -= i;
    }
  }
  swapRange(m - i, m, i, swap);
}

function swapRange(a: number, b: number, n: number, swap: (i: number, j: number) => void): void {
  for (let i = 0; i < n; i++) swap(a + i, b + i);
}
