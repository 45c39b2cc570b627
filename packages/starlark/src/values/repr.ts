// repr() and str() of any value.
import { StarObject } from './object.ts';
import type { Value } from './object.ts';
import { quote } from './quote.ts';

/** Appends the repr of v; path holds the containers being printed, to cut cycles. */
export function writeValue(out: string[], v: Value, path: StarObject[]): void {
  switch (typeof v) {
    case 'string':
      out.push(quote(v, false));
      return;
    case 'number':
    case 'bigint':
      out.push(String(v));
      return;
    case 'boolean':
      out.push(v ? 'True' : 'False');
      return;
    default:
      v.repr(out, path);
  }
}

export function repr(v: Value): string {
  switch (typeof v) {
    case 'string':
      return quote(v, false);
    case 'number':
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'True' : 'False';
  }
  const out: string[] = [];
  v.repr(out, []);
  return out.length === 1 ? out[0]! : out.join('');
}

export function str(v: Value): string {
  if (typeof v === 'string') return v;
  if (v instanceof StarObject) {
    const s = v.str();
    if (s !== null) return s;
  }
  return repr(v);
}

/** Writes elements separated by ", " (shared by list, tuple, set reprs). */
export function writeElems(out: string[], elems: readonly Value[], path: StarObject[]): void {
  for (let i = 0; i < elems.length; i++) {
    if (i > 0) out.push(', ');
    writeValue(out, elems[i]!, path);
  }
}
