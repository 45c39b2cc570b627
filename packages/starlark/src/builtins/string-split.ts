// split, rsplit, splitlines, strip, lstrip, rstrip (Go's strings package semantics).
import { StarlarkError } from '../errors.ts';
import { typeName } from '../values/compare.ts';
import { List } from '../values/list.ts';
import type { Value } from '../values/object.ts';
import { None } from '../values/primitives.ts';
import type { Kwargs } from '../values/thread.ts';
import { decodeRune, RUNE_MASK } from '../values/utf8.ts';
import { forRunes, isSpace } from './unicode.ts';
import { P, unpackPositional } from './unpack.ts';

export function splitImpl(s: string, args: Value[], kw: Kwargs | null, name: string): Value {
  const only = args[0];
  if (args.length === 1 && kw === null && typeof only === 'string' && only !== '') {
    return new List(s.split(only)); // the common s.split(sep) form, without unpacking
  }
  const [sep = None, maxsplit = -1] = unpackPositional<[Value, number]>(
    name,
    args,
    kw,
    0,
    P.value,
    P.int,
  );
  let res: string[];
  if (sep === None) {
    if (maxsplit < 0) res = splitSpace(s, -1);
    else if (name === 'split') res = splitSpace(s, maxsplit);
    else res = rsplitSpace(s, maxsplit);
  } else if (typeof sep === 'string') {
    if (sep === '') throw new StarlarkError('split: empty separator');
    res = s.split(sep);
    if (maxsplit >= 0) {
      if (name === 'split') {
        if (res.length > maxsplit + 1) {
          res = [...res.slice(0, maxsplit), res.slice(maxsplit).join(sep)];
        }
      } else {
        const excess = res.length - maxsplit;
        if (excess > 0) res = [res.slice(0, excess).join(sep), ...res.slice(excess)];
      }
    }
  } else {
    throw new StarlarkError(`split: got ${typeName(sep)} for separator, want string`);
  }
  return new List(res);
}

/** strings.Fields when max < 0, else starlark-go splitspace. */
function splitSpace(s: string, max: number): string[] {
  const res: string[] = [];
  let start = -1;
  let stopped = false;
  forRunes(s, (r, i) => {
    if (isSpace(r)) {
      if (start >= 0) {
        if (res.length === max) {
          stopped = true;
          return false;
        }
        res.push(s.slice(start, i));
        start = -1;
      }
    } else if (start === -1) start = i;
  });
  if (start >= 0) res.push(s.slice(start));
  void stopped;
  return res;
}

function rsplitSpace(s: string, max: number): string[] {
  const res: string[] = [];
  let end = -1;
  for (let i = s.length; i > 0; ) {
    const [r, sz] = lastRune(s, i);
    if (isSpace(r)) {
      if (end >= 0) {
        if (res.length === max) break;
        res.push(s.slice(i, end));
        end = -1;
      }
    } else if (end < 0) end = i;
    i -= sz;
  }
  if (end >= 0) res.push(s.slice(0, end));
  return res.reverse();
}

/** utf8.DecodeLastRuneInString(s[:end]). */
function lastRune(s: string, end: number): [number, number] {
  const c = s.charCodeAt(end - 1);
  if (c < 0x80) return [c, 1];
  const lim = Math.max(0, end - 4);
  let start = end - 1;
  while (start > lim && (s.charCodeAt(start) & 0xc0) === 0x80) start--;
  const d = decodeRune(s, start);
  if (start + (d >>> 21) !== end) return [0xfffd, 1];
  return [d & RUNE_MASK, d >>> 21];
}

export function splitlinesImpl(s: string, args: Value[], kw: Kwargs | null, name: string): Value {
  const [keepends = false] = unpackPositional<[boolean]>(name, args, kw, 0, P.bool);
  if (s === '') return new List([]);
  let lines: string[] = s.split('\n');
  if (keepends) lines = lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l));
  if (s.endsWith('\n')) lines.pop();
  return new List(lines);
}

export function stripImpl(s: string, args: Value[], kw: Kwargs | null, name: string): Value {
  // No arguments (the common strip()) needs no unpacking.
  const chars =
    args.length === 0 && kw === null
      ? ''
      : (unpackPositional<[string]>(name, args, kw, 0, P.string)[0] ?? '');
  const inSet = chars === '' ? isSpace : cutset(chars);
  let start = 0;
  let end = s.length;
  if (name[0] !== 'r') {
    while (start < end) {
      const d = decodeRune(s, start);
      if (!inSet(d & RUNE_MASK)) break;
      start += d >>> 21;
    }
  }
  if (name[0] !== 'l') {
    while (end > start) {
      const [r, sz] = lastRune(s, end);
      if (!inSet(r)) break;
      end -= sz;
    }
  }
  return s.slice(start, end);
}

function cutset(chars: string): (r: number) => boolean {
  const set = new Set<number>();
  forRunes(chars, (r) => {
    set.add(r);
  });
  return (r) => set.has(r);
}
