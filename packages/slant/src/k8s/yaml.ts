// Kubernetes YAML ⇄ entities. Kubernetes reads YAML as YAML 1.1 (go-yaml v2 via sigs.k8s.io/yaml),
// so `on`/`yes` are booleans and `0777` is octal; but go-yaml v2 keeps timestamps as strings and
// has no base-60 numbers, so those tags are dropped here to read the same values kubectl reads.
import { Document, parseAllDocuments, type Tags } from 'yaml';
import type { K8sEntity } from './entity.ts';
import { base64Error } from './go-base64.ts';
import { goYAMLMarshal } from './goyaml-emit.ts';
import { goAliasErrorText, goYAMLErrorText } from './goyaml-errors.ts';
import { typedShape } from './typed-shape.ts';
import { fastYAMLDocuments, type PlainScalarTag, plainScalarResolver } from './yaml-fast.ts';

const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';
const BINARY_TAG = 'tag:yaml.org,2002:binary';

function kubernetesTags(tags: Tags): Tags {
  return tags.filter((t) => {
    if (typeof t === 'string') return !['timestamp', 'binary', 'intTime', 'floatTime'].includes(t);
    if (t.tag === TIMESTAMP_TAG || t.tag === BINARY_TAG) return false;
    return !('format' in t && t.format === 'TIME');
  });
}

const PARSE_OPTIONS = {
  version: '1.1',
  customTags: kubernetesTags,
  // go-yaml v2 (non-strict) lets a later duplicate key win.
  uniqueKeys: false,
} as const;

// Plain scalars on the fast path resolve through the same tags as parseAllDocuments above. The
// YAML 1.1 null, bool, int, float (`e3` too) and merge texts start with one of
// YAML11_FIRST_CHARS (or are empty); yaml-fast.test.ts checks that against the tags.
const SCHEMA_DOC = new Document(null, PARSE_OPTIONS);
export const SCHEMA_TAGS = SCHEMA_DOC.schema.tags as unknown as PlainScalarTag[];
export const YAML11_FIRST_CHARS = '~nNyYtTfFoOeE0123456789+-.<';
const resolvePlain = plainScalarResolver(SCHEMA_TAGS, SCHEMA_DOC.options, YAML11_FIRST_CHARS);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Go's json.Marshal of the YAML-converted document: sorted keys, HTML characters escaped.
// Kubernetes' decode errors quote the document this way.
export function goJSON(v: unknown): string {
  const sortKeys = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sortKeys);
    if (!isPlainObject(x)) return x;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) out[k] = sortKeys(x[k]);
    return out;
  };
  return JSON.stringify(sortKeys(v))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

function goTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'array';
}

const TYPE_META_STRUCT =
  'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

// Go's JSON decoding of apiVersion/kind ignores key case.
function typeMetaField(obj: Record<string, unknown>, key: string): unknown {
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  const found = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : obj[found];
}

// One decoded document → entities, with Kubernetes' errors for documents that aren't objects.
function decodeDocument(value: unknown): K8sEntity[] {
  if (value === null || value === undefined) return [];
  if (!isPlainObject(value)) {
    throw new Error(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${goTypeName(value)} into Go value of type ${TYPE_META_STRUCT}`,
    );
  }
  const kind = typeMetaField(value, 'kind');
  if (typeof kind !== 'string' || kind === '') {
    throw new Error(`Object 'Kind' is missing in '${goJSON(value)}'`);
  }
  const apiVersion = typeMetaField(value, 'apiVersion');
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    const meta = value.metadata;
    const name = isPlainObject(meta) && typeof meta.name === 'string' ? meta.name : '';
    throw new Error(
      `decoding ${kind} ${JSON.stringify(name)}: Object 'apiVersion' is missing in '${goJSON(value)}'`,
    );
  }
  if (kind === 'List' && Array.isArray(value.items)) {
    return value.items.flatMap((item) => decodeDocument(item));
  }
  checkBinaryFields(value, kind, apiVersion);
  return [value];
}

// Kubernetes decodes Secret.data and ConfigMap.binaryData ([]byte) as base64 and rejects bad input.
function checkBinaryFields(value: Record<string, unknown>, kind: string, apiVersion: string): void {
  if (apiVersion !== 'v1') return;
  const field =
    kind === 'Secret' ? value.data : kind === 'ConfigMap' ? value.binaryData : undefined;
  if (!isPlainObject(field)) return;
  for (const v of Object.values(field)) {
    const err = typeof v === 'string' ? base64Error(v) : undefined;
    if (err !== undefined) {
      const meta = value.metadata;
      const name = isPlainObject(meta) && typeof meta.name === 'string' ? meta.name : '';
      throw new Error(`decoding ${kind} ${JSON.stringify(name)}: ${err}`);
    }
  }
}

function contentStart(doc: { contents: { range?: unknown } | null }): number | undefined {
  const r = doc.contents?.range;
  return Array.isArray(r) && typeof r[0] === 'number' ? r[0] : undefined;
}

function toJS(doc: { toJS(o: { maxAliasCount: number }): unknown }): unknown {
  try {
    return doc.toJS({ maxAliasCount: 10_000 });
  } catch (e) {
    const text = goAliasErrorText(e);
    if (text !== undefined) throw new Error(text);
    throw e;
  }
}

// The full path: yaml's composer, which knows every YAML feature and gives go-yaml's error texts.
function* fullDocuments(src: string): Generator<unknown> {
  for (const doc of parseAllDocuments(src, PARSE_OPTIONS)) {
    const err = doc.errors[0];
    if (err !== undefined) throw new Error(goYAMLErrorText(src, err, contentStart(doc)));
    yield toJS(doc) ?? null;
  }
}

/** The documents of `src` through the full path alone (the fast path is tested against it). */
export function fullYAMLValues(src: string): unknown[] {
  return [...fullDocuments(src)];
}

function documents(src: string): Iterable<unknown> {
  return fastYAMLDocuments(src, resolvePlain) ?? fullDocuments(src);
}

/** Parses a multi-document YAML (or JSON) string; empty documents are skipped, Lists expanded. */
export function parseYAML(src: string): K8sEntity[] {
  const result: K8sEntity[] = [];
  for (const value of documents(src)) result.push(...decodeDocument(value));
  return result;
}

/**
 * YAML for one entity's metadata and spec as Tilt writes it (through the kind's Go struct, then
 * go-yaml); like Tilt, `status` is left out.
 */
export function serializeEntity(entity: K8sEntity): string {
  const { status: _status, ...spec } = entity;
  return goYAMLMarshal(typedShape(spec));
}

/** YAML for many entities, separated by `---`, in the order given. */
export function serializeSpecYAML(entities: readonly K8sEntity[]): string {
  return entities.map(serializeEntity).join('\n---\n');
}

/**
 * The documents of a YAML stream as plain values (null for an empty document), read as
 * Kubernetes reads YAML; errors read as sigs.k8s.io/yaml's. For decode_yaml and friends.
 */
export function parseYAMLValues(src: string): unknown[] {
  return [...documents(src)];
}

/** sigs.k8s.io/yaml.Marshal of plain data (go-yaml v2's text of it, keys in its order). */
export function stringifyYAMLValue(v: unknown): string {
  return goYAMLMarshal(v);
}
