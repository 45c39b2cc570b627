// JSON Patch (RFC 6902, `application/json-patch+json`), for `slant patch --type json`: add,
// remove, replace, move, copy and test on JSON pointers (RFC 6901; `-` appends to a list). A
// failed operation leaves the object unchanged and is the API server's 422 Invalid, with what
// failed said (the Kubernetes API server says only that the request was rejected).
import { badRequest, HttpError } from './status.ts';

type Json = unknown;
type Container = Record<string, Json> | Json[];

interface Op {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: Json;
}

const REJECTED = 'the server rejected our request due to an error in our request';

function invalid(detail: string): HttpError {
  return new HttpError(422, 'Invalid', `${REJECTED}: ${detail}`);
}

function isContainer(v: Json): v is Container {
  return typeof v === 'object' && v !== null;
}

function decodeOps(ops: unknown): Op[] {
  if (!Array.isArray(ops)) {
    throw badRequest('error decoding patch: a JSON patch is a list of operations');
  }
  return ops.map((o, i) => {
    if (!isContainer(o) || Array.isArray(o) || typeof o.op !== 'string') {
      throw badRequest(`error decoding patch: operation ${i} has no "op"`);
    }
    if (typeof o.path !== 'string') throw invalid(`operation ${i} (${o.op}) has no "path"`);
    return o as unknown as Op;
  });
}

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw invalid(`JSON pointer must start with "/": "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function index(arr: Json[], token: string, pointer: string, forAdd: boolean): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw invalid(`invalid list index "${token}" in "${pointer}"`);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length)) {
    throw invalid(`list index ${i} out of range in "${pointer}"`);
  }
  return i;
}

/** The container holding the pointer's last token, and that token. */
function parentOf(doc: Json, pointer: string): [Container, string] {
  const toks = tokens(pointer);
  if (toks.length === 0) throw invalid('the whole document cannot be the target');
  let cur: Json = doc;
  for (const t of toks.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[index(cur, t, pointer, false)];
    else if (isContainer(cur) && t in cur) cur = (cur as Record<string, Json>)[t];
    else throw invalid(`doc is missing path: "${pointer}"`);
  }
  if (!isContainer(cur)) throw invalid(`doc is missing path: "${pointer}"`);
  return [cur, toks[toks.length - 1]!];
}

function get(doc: Json, pointer: string): Json {
  const [parent, key] = parentOf(doc, pointer);
  if (Array.isArray(parent)) return parent[index(parent, key, pointer, false)];
  if (!(key in parent)) throw invalid(`doc is missing path: "${pointer}"`);
  return parent[key];
}

function remove(doc: Json, pointer: string): Json {
  const [parent, key] = parentOf(doc, pointer);
  if (Array.isArray(parent)) return parent.splice(index(parent, key, pointer, false), 1)[0];
  if (!(key in parent)) throw invalid(`doc is missing path: "${pointer}"`);
  const old = parent[key];
  delete parent[key];
  return old;
}

function add(doc: Json, pointer: string, value: Json): void {
  const [parent, key] = parentOf(doc, pointer);
  if (Array.isArray(parent)) parent.splice(index(parent, key, pointer, true), 0, value);
  else parent[key] = value;
}

function equal(a: Json, b: Json): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(v: Json): Json {
  if (Array.isArray(v)) return v.map(sorted);
  if (!isContainer(v)) return v;
  const obj = v as Record<string, Json>;
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, sorted(obj[k])]),
  );
}

/** Applies the patch (its decoded JSON) to a copy of `doc`. */
export function applyJsonPatch<T>(doc: T, patch: unknown): T {
  const out = structuredClone(doc) as Json;
  for (const op of decodeOps(patch)) {
    const value = 'value' in op ? structuredClone(op.value) : undefined;
    switch (op.op) {
      case 'add':
        add(out, op.path, value);
        break;
      case 'remove':
        remove(out, op.path);
        break;
      case 'replace':
        remove(out, op.path);
        add(out, op.path, value);
        break;
      case 'move':
      case 'copy': {
        if (typeof op.from !== 'string') throw invalid(`${op.op} operation has no "from"`);
        const moved = op.op === 'move' ? remove(out, op.from) : structuredClone(get(out, op.from));
        add(out, op.path, moved);
        break;
      }
      case 'test':
        if (!equal(get(out, op.path), value)) {
          throw invalid(`testing value "${op.path}" failed: test failed`);
        }
        break;
      default:
        throw invalid(`unexpected kind of operation "${op.op}"`);
    }
  }
  return out as T;
}
