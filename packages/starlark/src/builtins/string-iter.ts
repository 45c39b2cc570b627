// The iterable views of strings and bytes: "s".elems(), .elem_ords(), .codepoints(),
// .codepoint_ords(), b"...".elems().
import { StarlarkError } from '../errors.ts';
import { ArrayIterator } from '../values/list.ts';
import { StarObject } from '../values/object.ts';
import type { StarIterator, Value } from '../values/object.ts';
import { quote } from '../values/quote.ts';
import { decodeRune, RUNE_MASK } from '../values/utf8.ts';

class StringElems extends StarObject {
  readonly s: string;
  readonly ords: boolean;
  constructor(s: string, ords: boolean) {
    super();
    this.s = s;
    this.ords = ords;
  }
  get type(): string {
    return 'string.elems';
  }
  override hash(): number {
    throw new StarlarkError('unhashable: string.elems');
  }
  override repr(out: string[]): void {
    out.push(quote(this.s, false), this.ords ? '.elem_ords()' : '.elems()');
  }
  override len(): number {
    return this.s.length;
  }
  override get indexable(): boolean {
    return true;
  }
  override index(i: number): Value {
    return this.ords ? this.s.charCodeAt(i) : this.s[i]!;
  }
  override iterate(): StarIterator {
    const s = this.s;
    const out: Value[] = [];
    for (let i = 0; i < s.length; i++) out.push(this.ords ? s.charCodeAt(i) : s[i]!);
    return new ArrayIterator(out);
  }
}

class StringCodepoints extends StarObject {
  readonly s: string;
  readonly ords: boolean;
  constructor(s: string, ords: boolean) {
    super();
    this.s = s;
    this.ords = ords;
  }
  get type(): string {
    return 'string.codepoints';
  }
  override hash(): number {
    throw new StarlarkError('unhashable: string.codepoints');
  }
  override repr(out: string[]): void {
    out.push(quote(this.s, false), this.ords ? '.codepoint_ords()' : '.codepoints()');
  }
  override iterate(): StarIterator {
    const s = this.s;
    const out: Value[] = [];
    for (let i = 0; i < s.length; ) {
      const d = decodeRune(s, i);
      const w = d >>> 21;
      const r = d & RUNE_MASK;
      // Go yields U+FFFD (encoded) for a bad byte, and for a real U+FFFD.
      out.push(this.ords ? r : r === 0xfffd ? '\xef\xbf\xbd' : s.slice(i, i + w));
      i += w;
    }
    return new ArrayIterator(out);
  }
}

class BytesElems extends StarObject {
  readonly s: string;
  constructor(s: string) {
    super();
    this.s = s;
  }
  get type(): string {
    return 'bytes.elems';
  }
  override hash(): number {
    throw new StarlarkError('unhashable: bytes.elems');
  }
  override repr(out: string[]): void {
    out.push(quote(this.s, true), '.elems()');
  }
  override iterate(): StarIterator {
    const out: Value[] = [];
    for (let i = 0; i < this.s.length; i++) out.push(this.s.charCodeAt(i));
    return new ArrayIterator(out);
  }
}

export function elemsValue(s: string, ords: boolean): Value {
  return new StringElems(s, ords);
}
export function codepointsValue(s: string, ords: boolean): Value {
  return new StringCodepoints(s, ords);
}
export function bytesElemsValue(s: string): Value {
  return new BytesElems(s);
}
