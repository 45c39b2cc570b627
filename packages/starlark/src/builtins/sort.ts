// Stable sorting with Go's sort.Stable algorithm (insertion-sorted blocks of 20, then SymMerge),
// so the comparisons made, and so the comparison error reported, match starlark-go.
import { compare, cmpFloats, cmpFloatInt } from '../values/compare.ts';
import type { Value } from '../values/object.ts';
import { Bytes, Float } from '../values/primitives.ts';
import { List, Tuple } from '../values/list.ts';

/** Sorts values (by keys when given) in place, stably; throws the last comparison error. */
export function sortValues(values: Value[], keys: Value[] | null, reverse: boolean): void {
  if (nativeSort(values, keys, reverse)) return;
  let err: unknown;
  const ks = keys ?? values;
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

/** Thrown by cmp3 for values without a total order; the caller falls back to Go's algorithm. */
const NOT_TOTAL = new Error('not totally ordered');

/**
 * Three-way comparison for totally ordered values (ints, floats, strings, bytes, bools, and
 * tuples/lists of them). Any stable sort gives the same result as Go's on a total order.
 */
function cmp3(a: Value, b: Value, depth: number): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (depth > 10) throw NOT_TOTAL;
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (ta === 'boolean' && tb === 'boolean') return +(a as boolean) - +(b as boolean);
  if (a instanceof Float) {
    if (b instanceof Float) return cmpFloats(a.v, b.v);
    if (tb === 'number' || tb === 'bigint') return cmpFloatInt(a.v, b as number | bigint);
  } else if (b instanceof Float) {
    if (ta === 'number' || ta === 'bigint') return -cmpFloatInt(b.v, a as number | bigint);
  } else if (a instanceof Bytes && b instanceof Bytes) {
    return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
  } else if (
    (a instanceof Tuple && b instanceof Tuple) ||
    (a instanceof List && b instanceof List)
  ) {
    const x = a.elems;
    const y = b.elems;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const c = cmp3(x[i]!, y[i]!, depth + 1);
      if (c !== 0) return c;
    }
    return x.length - y.length;
  }
  throw NOT_TOTAL;
}

/** 'number' or 'string' when every value is a JS number / a string. */
function homogeneous(vs: readonly Value[]): string {
  const t = typeof vs[0];
  if (t !== 'number' && t !== 'string') return '';
  for (const v of vs) if (typeof v !== t) return '';
  return t;
}

/** Sorts with the engine's stable sort when all keys are totally ordered; false otherwise. */
function nativeSort(values: Value[], keys: Value[] | null, reverse: boolean): boolean {
  const n = values.length;
  if (n < 2) return true;
  try {
    if (keys === null) {
      const sorted = values.slice();
      const kind = homogeneous(sorted);
      if (kind === 'number') {
        (sorted as number[]).sort(reverse ? (a, b) => b - a : (a, b) => a - b);
      } else if (kind === 'string') {
        (sorted as string[]).sort(reverse ? (a, b) => (a < b ? 1 : a > b ? -1 : 0) : undefined);
      } else sorted.sort(reverse ? (a, b) => cmp3(b, a, 0) : (a, b) => cmp3(a, b, 0));
      for (let i = 0; i < n; i++) values[i] = sorted[i]!;
      return true;
    }
    const idx = new Array<number>(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    idx.sort(
      reverse ? (i, j) => cmp3(keys[j]!, keys[i]!, 0) : (i, j) => cmp3(keys[i]!, keys[j]!, 0),
    );
    const vs = idx.map((i) => values[i]!);
    const ks = idx.map((i) => keys[i]!);
    for (let i = 0; i < n; i++) {
      values[i] = vs[i]!;
      keys[i] = ks[i]!;
    }
    return true;
  } catch (e) {
    if (e === NOT_TOTAL) return false;
    throw e;
  }
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
