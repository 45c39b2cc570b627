// The fast path of Kubernetes YAML reading. js-yaml's event parser reads a typical manifest about
// ten times faster than yaml's composer (which keeps a full syntax tree), so plain data is built
// here from its events, with yaml's own YAML 1.1 scalar tags deciding what a plain scalar means
// (the same resolution as the full path). Anything beyond plain data (anchors, aliases, explicit
// tags, directives, merge keys, keys that are not strings) and any parse error gives `undefined`:
// the caller then reads the text with yaml, which owns every error text and every rare feature.
import {
  COLLECTION_STYLE,
  EVENT_ID,
  type Event,
  getScalarValue,
  parseEvents,
  SCALAR_STYLE,
} from 'js-yaml';
import { isScalar } from 'yaml';

/** One of yaml's scalar tags, as far as plain-scalar resolution needs it. */
export interface PlainScalarTag {
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  resolve(value: string, onError: (msg: string) => void, options: object): unknown;
}

/** What `resolvePlain` returns when the scalar needs the full path. */
const UNSUPPORTED: unique symbol = Symbol('unsupported');

/**
 * Builds the resolver of plain (unquoted, untagged) scalars from yaml's schema tags, mirroring
 * yaml's own choice: the first default tag whose test matches, else a string. `firstChars` are
 * the ASCII characters any of the tags' texts can start with: other plain scalars are strings
 * without testing every tag (most scalars of a manifest are names and labels).
 */
export function plainScalarResolver(
  tags: readonly PlainScalarTag[],
  options: object,
  firstChars: string,
): (value: string, atKey: boolean) => unknown {
  const candidates = tags.filter((t) => t.test !== undefined && t.default !== false);
  const mayStart = new Uint8Array(128);
  for (let i = 0; i < firstChars.length; i++) mayStart[firstChars.charCodeAt(i)] = 1;
  return (value, atKey) => {
    const c = value.length === 0 ? -1 : value.charCodeAt(0);
    if (c >= 0 && c < 128 && mayStart[c] === 0) return value;
    const tag = candidates.find(
      (t) => (t.default === true || (atKey && t.default === 'key')) && t.test!.test(value),
    );
    if (tag === undefined) return value;
    let failed = false;
    let res: unknown;
    try {
      res = tag.resolve(
        value,
        () => {
          failed = true;
        },
        options,
      );
    } catch {
      return UNSUPPORTED;
    }
    if (failed) return UNSUPPORTED;
    return isScalar(res) ? res.value : res;
  };
}

// A block mapping remembers its keys' column (-1 until the first key; undefined in flow style).
type Frame =
  | { map: Record<string, unknown>; key: string | undefined; keyColumn: number | undefined }
  | { seq: unknown[] };

const LONE_CR = /\r(?!\n)/;
const INDENTING_TAB = /^[ ]*\t/m;
const DOCUMENT_END_WITH_TEXT = /^\.\.\.(?![ \t]*(?:#.*)?\r?$)/m;

// js-yaml stops at this nesting depth (its default is 100); deeper documents take the full path.
const MAX_DEPTH = 1000;

/**
 * The documents of `src` as plain values (null for an empty document), or undefined when the text
 * needs the full path (see the file comment).
 */
export function fastYAMLDocuments(
  src: string,
  resolvePlain: (value: string, atKey: boolean) => unknown,
): unknown[] | undefined {
  // Where js-yaml is more lenient than yaml (found by fuzzing): it reads `... text` as a document
  // end and a next document, which YAML rejects; a lone carriage return ends a line for js-yaml
  // but is text for yaml.
  if (src.includes('...') && DOCUMENT_END_WITH_TEXT.test(src)) return undefined;
  if (src.includes('\r') && LONE_CR.test(src)) return undefined;
  // A tab in a line's indentation: yaml (as go-yaml) rejects it, js-yaml may take it as a blank.
  if (src.includes('\t') && INDENTING_TAB.test(src)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(src, { maxDepth: MAX_DEPTH });
  } catch {
    return undefined;
  }
  const docs: unknown[] = [];
  const stack: Frame[] = [];
  let doc: unknown = null;
  // Attaches a finished value to the collection being built; false when it can't be represented.
  const attach = (value: unknown): boolean => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      doc = value;
      return true;
    }
    if ('seq' in top) {
      top.seq.push(value);
      return true;
    }
    if (top.key !== undefined) {
      top.map[top.key] = value;
      top.key = undefined;
      return true;
    }
    // A key (always a scalar: a collection there was refused when it started): only strings,
    // which JS object keys are, and not one that would set the prototype.
    if (typeof value !== 'string' || value === '__proto__') return false;
    top.key = value;
    return true;
  };
  for (const e of events) {
    switch (e.type) {
      case EVENT_ID.DOCUMENT:
        if (e.directives.length > 0) return undefined;
        doc = null;
        break;
      case EVENT_ID.SCALAR: {
        if (e.tagStart !== -1 || e.anchorStart !== -1) return undefined;
        const text = getScalarValue(src, e);
        const top = stack[stack.length - 1];
        const atKey = top !== undefined && 'map' in top && top.key === undefined;
        let value: unknown = text;
        // js-yaml accepts some misplaced keys after a flow collection (`- {a} b: c`) that YAML
        // rejects: every key of a block mapping must start in the same column.
        if (atKey && top.keyColumn !== undefined) {
          const start = e.style === SCALAR_STYLE.PLAIN ? e.valueStart : e.valueStart - 1;
          const column = start - src.lastIndexOf('\n', start - 1);
          if (top.keyColumn === -1) top.keyColumn = column;
          else if (column !== top.keyColumn) return undefined;
        }
        if (e.style === SCALAR_STYLE.PLAIN) {
          if (atKey && text === '<<') return undefined;
          value = resolvePlain(text, atKey);
          if (value === UNSUPPORTED) return undefined;
        }
        if (!attach(value)) return undefined;
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (e.tagStart !== -1 || e.anchorStart !== -1) return undefined;
        const top = stack[stack.length - 1];
        if (top !== undefined && 'map' in top && top.key === undefined) return undefined;
        stack.push(
          e.type === EVENT_ID.MAPPING
            ? {
                map: {},
                key: undefined,
                keyColumn: e.style === COLLECTION_STYLE.BLOCK ? -1 : undefined,
              }
            : { seq: [] as unknown[] },
        );
        break;
      }
      case EVENT_ID.ALIAS:
        return undefined;
      case EVENT_ID.POP: {
        const done = stack.pop();
        if (done === undefined) {
          docs.push(doc);
          doc = null;
        } else if (!attach('map' in done ? done.map : done.seq)) return undefined;
        break;
      }
    }
  }
  return docs;
}
