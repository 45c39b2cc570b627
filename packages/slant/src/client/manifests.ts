// The objects named by `-f` (apply, create), read as kubectl's resource builder reads them:
// files, directories (their .json/.yaml/.yml files, not recursing), `-` for stdin; multi-document
// YAML, JSON, `kind: List`. Errors carry kubectl's texts; a path that can't be read stops the
// whole command, a document that can't be decoded or mapped is reported and skipped.
import { API_VERSION, KIND_NAMES, type Kind } from '@slant/api';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { goJSON, parseYAMLValues } from '../k8s/yaml.ts';
import { isJsonObject, type JsonObject } from './three-way.ts';

/** One object of the input, mapped to a kind Slant serves. */
export interface Manifest {
  /** Where it came from, as kubectl names it in messages: the path, or `STDIN`. */
  readonly source: string;
  readonly kind: Kind;
  readonly name: string;
  readonly object: JsonObject;
}

export interface ManifestInput {
  readonly filenames: readonly string[];
  readonly readStdin: () => Promise<string>;
}

/** An object of the input, or the error kubectl gives for a document it couldn't use. */
export type ManifestEntry = Manifest | { readonly error: string };

/** Errors about the paths themselves: kubectl does nothing when one of these occurs. */
export class ManifestPathError extends Error {
  readonly messages: readonly string[];
  constructor(messages: readonly string[]) {
    super(messages.join('\n'));
    this.name = 'ManifestPathError';
    this.messages = messages;
  }
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

interface Source {
  readonly name: string;
  readonly read: () => Promise<string>;
}

function kindOfFile(path: string): 'file' | 'dir' | 'missing' | Error {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return err as Error;
  }
}

/** The sources of the -f values, in order; a directory's files sorted by name, as Go's Walk. */
function sourcesOf(input: ManifestInput): Source[] {
  const sources: Source[] = [];
  const errors: string[] = [];
  for (const path of input.filenames) {
    if (path === '-') {
      sources.push({ name: 'STDIN', read: input.readStdin });
      continue;
    }
    const kind = kindOfFile(path);
    if (kind === 'missing') errors.push(`the path "${path}" does not exist`);
    else if (kind instanceof Error) {
      errors.push(`the path "${path}" cannot be accessed: ${kind.message}`);
    } else if (kind === 'file') {
      sources.push({ name: path, read: async () => readFileSync(path, 'utf8') });
    } else {
      for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : 1,
      )) {
        if (!entry.isFile() || !EXTENSIONS.some((e) => entry.name.endsWith(e))) continue;
        const file = join(path, entry.name);
        sources.push({ name: file, read: async () => readFileSync(file, 'utf8') });
      }
      if (sources.length === 0 && errors.length === 0) {
        errors.push(`error reading [${path}]: recognized file extensions are [.json .yaml .yml]`);
      }
    }
  }
  if (errors.length > 0) throw new ManifestPathError(errors);
  return sources;
}

function goTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'array';
}

function stringField(obj: JsonObject, key: string): string {
  const v = obj[key];
  return typeof v === 'string' ? v : '';
}

/** One document's objects (a List's items), or the error kubectl gives for it. */
function decode(value: unknown, source: string, out: ManifestEntry[]): void {
  if (value === null || value === undefined) return;
  if (!isJsonObject(value)) {
    out.push({
      error: `unable to decode "${source}": json: cannot unmarshal ${goTypeName(value)} into Go value of type map[string]interface {}`,
    });
    return;
  }
  const kind = stringField(value, 'kind');
  if (kind === '') {
    out.push({
      error: `unable to decode "${source}": Object 'Kind' is missing in '${goJSON(value)}'`,
    });
    return;
  }
  if (kind === 'List' && Array.isArray(value.items)) {
    for (const item of value.items) decode(item, source, out);
    return;
  }
  const apiVersion = stringField(value, 'apiVersion');
  const meta = isJsonObject(value.metadata) ? value.metadata : {};
  const name = stringField(meta, 'name');
  const known = KIND_NAMES.find((k) => k === kind);
  if (apiVersion !== API_VERSION || known === undefined) {
    out.push({
      error: `resource mapping not found for name: "${name}" namespace: "${stringField(meta, 'namespace')}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
    });
    return;
  }
  out.push({ source, kind: known, name, object: value });
}

/** The objects of one source's text (errors in kubectl's words, naming `source`). */
export function decodeManifests(text: string, source: string): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  let values: unknown[];
  try {
    values = parseYAMLValues(text);
  } catch (err) {
    return [{ error: `error parsing ${source}: ${(err as Error).message}` }];
  }
  for (const value of values) decode(value, source, out);
  return out;
}

/**
 * Every document of every source, in order; throws ManifestPathError when a path is missing or
 * unreadable. A source with a YAML syntax error gives that error alone.
 */
export async function readManifests(input: ManifestInput): Promise<ManifestEntry[]> {
  const out: ManifestEntry[] = [];
  for (const source of sourcesOf(input)) {
    out.push(...decodeManifests(await source.read(), source.name));
  }
  return out;
}
