// The json module (lib/json): encode, encode_indent, decode, indent.
import { StarlarkError } from '../errors.ts';
import { Builtin } from '../values/builtin.ts';
import type { BuiltinImpl } from '../values/builtin.ts';
import { typeName } from '../values/compare.ts';
import { Dict } from '../values/dict.ts';
import { formatFloat } from '../values/float-format.ts';
import type { StarObject } from '../values/object.ts';
import type { Value } from '../values/object.ts';
import { Float, None } from '../values/primitives.ts';
import { quote } from '../values/quote.ts';
import { decodeRune, RUNE_MASK } from '../values/utf8.ts';
import { Module, Struct } from '../values/struct.ts';
import { attrNames, getAttr } from './attr.ts';
import { jsonDecode } from './json-decode.ts';
import { jsonIndent } from './json-indent.ts';
import { P, unpackArgs, unpackPositional } from './unpack.ts';

const HEX = '0123456789abcdef';

/** A JSON string literal, as Go: strconv.Quote for printable ASCII, else json.Marshal. */
export function jsonQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80) {
      if (c === 0x22 || c === 0x5c) out += `\\${s[i]}`;
      else if (c === 0x3c || c === 0x3e || c === 0x26) out += `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
      else out += s[i];
      i++;
      continue;
    }
    if (c < 0x20) {
      if (c === 0x0a) out += '\\n';
      else if (c === 0x0d) out += '\\r';
      else if (c === 0x09) out += '\\t';
      else if (c === 0x08) out += '\\b';
      else if (c === 0x0c) out += '\\f';
      else out += `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
      i++;
      continue;
    }
    // Non-ASCII: copy valid sequences, replace bad bytes with U+FFFD; escape U+2028/9.
    let w = 1;
    let seq = '\ufffd';
    const d = decodeAt(s, i);
    if (d.w > 1) {
      w = d.w;
      seq = d.r === 0x2028 || d.r === 0x2029 ? `\\u${d.r.toString(16)}` : s.slice(i, i + w);
    } else seq = '\\ufffd';
    out += seq;
    i += w;
  }
  return `${out}"`;
}

function decodeAt(s: string, i: number): { r: number; w: number } {
  const d = decodeRune(s, i);
  return { r: d & RUNE_MASK, w: d >>> 21 };
}

function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x80) return false;
  }
  return true;
}

function quoteKey(s: string): string {
  return isPrintableAscii(s) ? quote(s, false) : jsonQuote(s);
}

function encodeValue(x: Value): string {
  const out: string[] = [];
  const path: StarObject[] = [];
  const emit = (v: Value): void => {
    if (typeof v === 'string') {
      out.push(quoteKey(v));
      return;
    }
    if (typeof v === 'number' || typeof v === 'bigint') {
      out.push(String(v));
      return;
    }
    if (typeof v === 'boolean') {
      out.push(v ? 'true' : 'false');
      return;
    }
    if (v === None) {
      out.push('null');
      return;
    }
    if (v instanceof Float) {
      if (!Number.isFinite(v.v)) {
        throw new StarlarkError(`cannot encode non-finite float ${formatFloat(v.v)}`);
      }
      out.push(formatFloat(v.v));
      return;
    }
    if (path.includes(v)) throw new StarlarkError('cycle in JSON structure');
    path.push(v);
    try {
      emitObject(v);
    } finally {
      path.pop();
    }
  };
  const emitObject = (v: StarObject): void => {
    if (v instanceof Dict) {
      const items = [...v.ht.entries()];
      for (const e of items) {
        if (typeof e.k !== 'string') {
          throw new StarlarkError(`${v.type} has ${typeName(e.k)} key, want string`);
        }
      }
      items.sort((a, b) => ((a.k as string) < (b.k as string) ? -1 : a.k === b.k ? 0 : 1));
      out.push('{');
      items.forEach((e, i) => {
        if (i > 0) out.push(',');
        out.push(quoteKey(e.k as string), ':');
        wrap(`in ${v.type} key ${quote(e.k as string, false)}`, () => emit(e.v));
      });
      out.push('}');
      return;
    }
    const it = v.iterate();
    if (it !== undefined) {
      out.push('[');
      try {
        for (let i = 0, e = it.next(); e !== undefined; i++, e = it.next()) {
          if (i > 0) out.push(',');
          wrap(`at ${v.type} index ${i}`, () => emit(e));
        }
      } finally {
        it.done();
      }
      out.push(']');
      return;
    }
    const names = attrNames(v);
    if (names.length > 0 || v instanceof Struct || v instanceof Module) {
      out.push('{');
      names.sort().forEach((name, i) => {
        const fv = getAttr(v, name);
        if (i > 0) out.push(',');
        out.push(quoteKey(name), ':');
        wrap(`in field .${name}`, () => emit(fv));
      });
      out.push('}');
      return;
    }
    throw new StarlarkError(`cannot encode ${v.type} as JSON`);
  };
  emit(x);
  return out.join('');
}

function wrap(prefix: string, f: () => void): void {
  try {
    f();
  } catch (e) {
    if (e instanceof StarlarkError) throw new StarlarkError(`${prefix}: ${e.message}`);
    throw e;
  }
}

function withName<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof StarlarkError) throw new StarlarkError(`${name}: ${e.message}`);
    throw e;
  }
}

const encode: BuiltinImpl = (_t, args, kwargs, _r, fn) => {
  const [x] = unpackPositional<[Value]>(fn.name, args, kwargs, 1, P.value);
  return withName(fn.name, () => encodeValue(x!));
};

function indentOpts(name: string, kwargs: import('../values/thread.ts').Kwargs | null) {
  const [prefix = '', indent = '\t'] = unpackArgs<[string, string]>(
    name,
    [],
    kwargs,
    ['prefix?', P.string],
    ['indent?', P.string],
  );
  return { prefix, indent };
}

const encodeIndent: BuiltinImpl = (_t, args, kwargs, _r, fn) => {
  const { prefix, indent } = indentOpts(fn.name, kwargs);
  const [x] = unpackPositional<[Value]>(fn.name, args, null, 1, P.value);
  const s = withName(fn.name, () => encodeValue(x!));
  return withName(fn.name, () => jsonIndent(s, prefix, indent));
};

const indent: BuiltinImpl = (_t, args, kwargs, _r, fn) => {
  const { prefix, indent } = indentOpts(fn.name, kwargs);
  const [s] = unpackPositional<[string]>(fn.name, args, null, 1, P.string);
  return withName(fn.name, () => jsonIndent(s!, prefix, indent));
};

const decode: BuiltinImpl = (_t, args, kwargs, _r, fn) => {
  const [s, dflt] = unpackArgs<[string, Value]>(
    fn.name,
    args,
    kwargs,
    ['x', P.string],
    ['default?', P.value],
  );
  if (args.length < 1) throw new StarlarkError(`${fn.name}: unexpected keyword argument x`);
  return jsonDecode(s!, dflt);
};

export function makeJsonModule(): Value {
  const fns: Array<[string, BuiltinImpl]> = [
    ['encode', encode],
    ['encode_indent', encodeIndent],
    ['decode', decode],
    ['indent', indent],
  ];
  return new Module('json', new Map(fns.map(([n, f]) => [n, new Builtin(`json.${n}`, f)])));
}
