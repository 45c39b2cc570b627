// read_json, decode_json, encode_json, read_yaml, read_yaml_stream, decode_yaml,
// decode_yaml_stream, encode_yaml, encode_yaml_stream (Tilt's tiltfile/encoding).
import type { Thread, Value } from '@slant/starlark';
import { conv, List, None, StarlarkError, unpackArgs } from '@slant/starlark';
import { parseYAMLValues, stringifyYAMLValue } from '../../k8s/yaml.ts';
import { FsError } from '../host.ts';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { hostString } from '../run.ts';
import {
  goJSONIndent,
  JsFloat,
  plainToJS,
  plainToStarlark,
  starlarkToPlain,
} from '../structured.ts';
import { Blob, localPath, stringable, valueToAbsPath } from '../value.ts';

/** Reads a file for a Tiltfile (recorded as a dependency); undefined when it does not exist. */
export function readTiltfileFile(run: TiltfileRun, path: string): Buffer | undefined {
  run.recordRead(path);
  try {
    return run.host.fs.readFile(path);
  } catch (e) {
    if (e instanceof FsError && e.code === 'ENOENT') return undefined;
    throw e;
  }
}

/** As readTiltfileFile, but a missing file is an error with Go's os text. */
export function mustReadFile(run: TiltfileRun, path: string): Buffer {
  run.recordRead(path);
  return run.host.fs.readFile(path);
}

function wrap(err: unknown, msg: string, source: string): StarlarkError {
  const m = source === '' ? msg : `${msg} from ${source}`;
  return new StarlarkError(`${m}: ${err instanceof Error ? err.message : String(err)}`);
}

/** jsonStringToStarlark: one JSON value; numbers with a '.' are floats, others ints. */
function decodeJSONText(text: string, source: string): Value {
  let parsed: unknown;
  try {
    parsed = parseFirstJSON(text, (_k, v: unknown, ctx?: { source?: string }) => {
      if (typeof v !== 'number' || ctx?.source === undefined) return v;
      if (ctx.source.includes('.')) return new JsFloat(v);
      if (!/^-?\d+$/.test(ctx.source)) {
        throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(ctx.source)}: invalid syntax`);
      }
      const big = BigInt(ctx.source);
      if (big > 2n ** 63n - 1n || big < -(2n ** 63n)) {
        throw new Error(
          `strconv.ParseInt: parsing ${JSON.stringify(ctx.source)}: value out of range`,
        );
      }
      return Number.isSafeInteger(v) ? v : big;
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.startsWith('strconv.')) throw wrap(e, 'error converting JSON to Starlark', source);
    throw wrap(
      e instanceof SyntaxError ? new Error(goJSONSyntaxError(e, text)) : e,
      'error parsing JSON',
      source,
    );
  }
  return plainToStarlark(parsed);
}

type Reviver = (key: string, v: unknown, ctx?: { source?: string }) => unknown;

/**
 * json.Decoder.Decode of the first value, then Tilt's More() check: text after the value is
 * "found multiple JSON values" unless it starts with ']' or '}' (which More() doesn't count).
 */
function parseFirstJSON(text: string, reviver: Reviver): unknown {
  try {
    return JSON.parse(text, reviver);
  } catch (e) {
    const m = e instanceof SyntaxError ? /after JSON at position (\d+)/.exec(e.message) : null;
    if (m === null) throw e;
    const end = Number(m[1]);
    const value: unknown = JSON.parse(text.slice(0, end), reviver);
    if (!/^\s*[\]}]/.test(text.slice(end))) throw new Error('found multiple JSON values');
    return value;
  }
}

const V8_TO_GO_JSON: readonly (readonly [RegExp, string])[] = [
  [/after array element/, 'after array element'],
  [/after property value/, 'after object key:value pair'],
  [/after property name/, 'after object key'],
  [
    /property name or '}'|Expected double-quoted property name/,
    'looking for beginning of object key string',
  ],
  [/control character/, 'in string literal'],
];

/** encoding/json's syntax error text for V8's JSON.parse error. */
function goJSONSyntaxError(e: SyntaxError, text: string): string {
  const m = e.message;
  const pos = /at position (\d+)/.exec(m);
  let at = pos === null ? -1 : Number(pos[1]);
  if (at < 0) {
    const tok = /Unexpected token '(.)'/.exec(m);
    if (tok === null) return /end of JSON input|Unterminated/.test(m) ? 'unexpected EOF' : m;
    at = text.indexOf(tok[1]!);
  }
  if (at >= text.length || /Unterminated/.test(m)) return 'unexpected EOF';
  const c = text[at]!;
  const quoted = c === '\n' ? "'\\n'" : `'${c}'`;
  const what = V8_TO_GO_JSON.find(([re]) => re.test(m))?.[1] ?? 'looking for beginning of value';
  return `invalid character ${quoted} ${what}`;
}

/** yamlStreamToStarlark: the non-empty documents of a stream. */
function decodeYAMLStream(text: string, source: string): List {
  let docs: unknown[];
  try {
    docs = parseYAMLValues(text);
  } catch (e) {
    throw wrap(e, 'error parsing YAML', source);
  }
  const out: Value[] = [];
  for (const d of docs) {
    const v = plainToStarlark(d);
    if (v !== None) out.push(v);
  }
  return new List(out);
}

function singleDoc(l: List): Value {
  if (l.elems.length === 0) return None;
  if (l.elems.length === 1) return l.elems[0]!;
  throw new StarlarkError(
    'expected a yaml document but found a yaml stream (documents separated by `---`). use decode_yaml_stream instead to decode a yaml stream',
  );
}

function toPlainOrWrap(v: Value) {
  try {
    return starlarkToPlain(v);
  } catch (e) {
    throw wrap(e, 'error converting object from starlark', '');
  }
}

function yamlText(v: Value): string {
  return stringifyYAMLValue(plainToJS(toPlainOrWrap(v)));
}

function readYAMLStream(run: TiltfileRun, thread: Thread, path: string, dflt: List | undefined) {
  const p = valueToAbsPath(run, thread, path);
  const bytes = dflt === undefined ? mustReadFile(run, p) : readTiltfileFile(run, p);
  if (bytes === undefined) return dflt as List;
  return decodeYAMLStream(bytes.toString('utf8'), hostString(path));
}

export const encodingBuiltins: readonly TiltDefinition[] = [
  {
    name: 'read_json',
    fn: (run, thread, args, kwargs) => {
      const [p, dflt] = unpackArgs(
        'read_json',
        args,
        kwargs,
        ['paths', localPath(run, thread)],
        ['default?', conv.value],
      );
      const bytes = dflt === undefined ? mustReadFile(run, p!) : readTiltfileFile(run, p!);
      if (bytes === undefined) return dflt!;
      return decodeJSONText(bytes.toString('utf8'), p!);
    },
  },
  {
    name: 'decode_json',
    fn: (_run, _thread, args, kwargs) => {
      const [s] = unpackArgs('decode_json', args, kwargs, ['json', stringable]);
      return decodeJSONText(hostString(s!), '');
    },
  },
  {
    name: 'encode_json',
    fn: (_run, _thread, args, kwargs) => {
      const [obj] = unpackArgs('encode_json', args, kwargs, ['obj', conv.value]);
      return Buffer.from(goJSONIndent(toPlainOrWrap(obj!)), 'utf8').toString('latin1');
    },
  },
  {
    name: 'read_yaml',
    fn: (run, thread, args, kwargs) => {
      const [p, dflt] = unpackArgs(
        'read_yaml',
        args,
        kwargs,
        ['paths', conv.string],
        ['default?', conv.value],
      );
      return singleDoc(
        readYAMLStream(run, thread, p!, dflt === undefined ? undefined : new List([dflt])),
      );
    },
  },
  {
    name: 'read_yaml_stream',
    fn: (run, thread, args, kwargs) => {
      const [p, dflt] = unpackArgs(
        'read_yaml_stream',
        args,
        kwargs,
        ['paths', conv.string],
        ['default?', conv.list],
      );
      return readYAMLStream(run, thread, p!, dflt);
    },
  },
  {
    name: 'decode_yaml',
    fn: (_run, _thread, args, kwargs) => {
      const [s] = unpackArgs('decode_yaml', args, kwargs, ['yaml', stringable]);
      return singleDoc(decodeYAMLStream(hostString(s!), ''));
    },
  },
  {
    name: 'decode_yaml_stream',
    fn: (_run, _thread, args, kwargs) => {
      const [s] = unpackArgs('decode_yaml_stream', args, kwargs, ['yaml', stringable]);
      return decodeYAMLStream(hostString(s!), '');
    },
  },
  {
    name: 'encode_yaml',
    fn: (_run, _thread, args, kwargs) => {
      const [obj] = unpackArgs('encode_yaml', args, kwargs, ['obj', conv.value]);
      return new Blob(binary(yamlText(obj!)), 'encode_yaml');
    },
  },
  {
    name: 'encode_yaml_stream',
    fn: (_run, _thread, args, kwargs) => {
      const [objs] = unpackArgs('encode_yaml_stream', args, kwargs, ['objs', conv.list]);
      const docs = objs!.elems.map(yamlText);
      return new Blob(binary(docs.join('---\n')), 'encode_yaml_stream');
    },
  },
];

function binary(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}
