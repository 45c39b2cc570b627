// `slant apply -f` and `slant create -f`: kubectl's client-side apply and create against the
// session's API. Apply creates an absent object with the last-applied annotation, or patches a
// present one with the three-way merge patch of (last applied, file, live object); create only
// creates. Every object is tried; the failures are reported together at the end, as kubectl does.
import { API_VERSION, type ApiObject, KIND_PLURALS, type Kind } from '@slant/api';
import { applyMergePatch } from '../store/http/merge-patch.ts';
import { ApiError, type ApiClient } from './api-client.ts';
import { type Manifest, ManifestPathError, readManifests } from './manifests.ts';
import type { Io } from './misc.ts';
import { toJson, toYaml } from './printers.ts';
import { isJsonObject, type JsonObject, threeWayMergePatch } from './three-way.ts';
import {
  goCompactJSON,
  KubectlError,
  LAST_APPLIED,
  lastAppliedOf,
  ObjectPrinter,
  printedList,
  reportErrors,
  serverError,
  withLastApplied,
  type WriteOutput,
} from './write-output.ts';

export interface WriteFilesOptions extends Io {
  readonly filenames: readonly string[];
  readonly output: WriteOutput;
  /** `--dry-run=client`: compute and print, write nothing. */
  readonly dryRun: boolean;
  readonly readStdin: () => Promise<string>;
  /** The command's name in kubectl's warnings (`slant`). */
  readonly baseName?: string;
}

/** kubectl's Info.String(): how its apply errors name the object. */
function describeInfo(kind: Kind, name: string): string {
  return `Resource: "${API_VERSION}, Resource=${KIND_PLURALS[kind]}", GroupVersionKind: "${API_VERSION}, Kind=${kind}"\nName: "${name}", Namespace: ""`;
}

/** The manifests, or exit code 1 after kubectl's report when a path can't be read. */
async function read(
  opts: WriteFilesOptions,
): Promise<{ manifests: Manifest[]; errors: KubectlError[] } | number> {
  try {
    const entries = await readManifests(opts);
    const manifests: Manifest[] = [];
    const errors: KubectlError[] = [];
    for (const e of entries) {
      if ('error' in e) errors.push(new KubectlError(e.error));
      else manifests.push(e);
    }
    return { manifests, errors };
  } catch (err) {
    if (!(err instanceof ManifestPathError)) throw err;
    return reportErrors(
      err.messages.map((m) => new KubectlError(m)),
      opts,
    );
  }
}

/** What kubectl does before a create: null fields are not sent. */
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneNulls);
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = pruneNulls(x);
  return out;
}

/** The object to create: kubectl clears a resourceVersion a file carries (e.g. from `get -o yaml`). */
function forCreate(obj: JsonObject): ApiObject {
  const copy = structuredClone(obj);
  if (isJsonObject(copy.metadata)) delete copy.metadata.resourceVersion;
  return copy as unknown as ApiObject;
}

interface Applied {
  readonly object: ApiObject | JsonObject;
  readonly operation: 'created' | 'configured' | 'unchanged';
}

async function applyOne(client: ApiClient, m: Manifest, opts: WriteFilesOptions): Promise<Applied> {
  const modified = withLastApplied(m.object);
  const { kind, name, source } = m;
  if (name === '') {
    throw new KubectlError(
      `error when retrieving current configuration of:\n${describeInfo(kind, name)}\nfrom server for: "${source}": resource name may not be empty`,
    );
  }
  const current = await client.find(kind, name);
  if (current === undefined) {
    const obj = forCreate(pruneNulls(modified) as JsonObject);
    if (opts.dryRun) return { object: obj, operation: 'created' };
    try {
      return { object: await client.create(obj), operation: 'created' };
    } catch (err) {
      if (err instanceof ApiError) throw serverError(err, `error when creating "${source}": `);
      throw err;
    }
  }
  const annotation = lastAppliedOf(current);
  if (annotation === undefined) {
    const base = opts.baseName ?? 'slant';
    opts.writeErr(
      `Warning: resource ${KIND_PLURALS[kind]}/${name} is missing the ${LAST_APPLIED} annotation which is required by ${base} apply. ${base} apply should only be used on resources created declaratively by either ${base} create --save-config or ${base} apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const original = parseLastApplied(annotation);
  const live = current as unknown as JsonObject;
  const patch = threeWayMergePatch(original, modified, live);
  if (Object.keys(patch).length === 0) return { object: current, operation: 'unchanged' };
  if (opts.dryRun) {
    return { object: applyMergePatch(live, patch) as JsonObject, operation: 'configured' };
  }
  try {
    return { object: await client.patch(kind, name, patch), operation: 'configured' };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    throw serverError(
      err,
      `error when applying patch:\n${goCompactJSON(patch)}\nto:\n${describeInfo(kind, name)}\nfor: "${source}": error when patching "${source}": `,
    );
  }
}

/** The configuration last applied, or nothing (kubectl then deletes nothing). */
function parseLastApplied(text: string | undefined): JsonObject {
  if (text === undefined || text.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    return isJsonObject(v) ? v : {};
  } catch {
    return {};
  }
}

/** `slant apply -f …`; returns the exit code. */
export async function runApply(client: ApiClient, opts: WriteFilesOptions): Promise<number> {
  const got = await read(opts);
  if (typeof got === 'number') return got;
  const { manifests, errors } = got;
  if (manifests.length === 0 && errors.length === 0) {
    return reportErrors([new KubectlError('no objects passed to apply')], opts);
  }
  const printer = new ObjectPrinter(opts.output === 'name' ? 'name' : '', opts.write, opts.dryRun);
  const printed: unknown[] = [];
  for (const m of manifests) {
    try {
      const { object, operation } = await applyOne(client, m, opts);
      // kubectl prints json/yaml once, after everything was applied.
      if (opts.output === 'json' || opts.output === 'yaml') printed.push(object);
      else printer.print(object, m.kind, m.name, operation);
    } catch (err) {
      if (!(err instanceof KubectlError)) throw err;
      errors.push(err);
    }
  }
  if (errors.length > 0) return reportErrors(errors, opts);
  if (opts.output === 'json') opts.write(toJson(printedList(printed)));
  if (opts.output === 'yaml') opts.write(toYaml(printedList(printed)));
  return 0;
}

/** `slant create -f …` (`--save-config` writes the last-applied annotation); the exit code. */
export async function runCreateFromFiles(
  client: ApiClient,
  opts: WriteFilesOptions & { readonly saveConfig: boolean },
): Promise<number> {
  const got = await read(opts);
  if (typeof got === 'number') return got;
  const { manifests, errors } = got;
  const printer = new ObjectPrinter(opts.output, opts.write, opts.dryRun);
  let count = 0;
  for (const m of manifests) {
    // An annotation the file already carries is brought up to date, as kubectl does.
    const withAnnotation =
      opts.saveConfig || lastAppliedOf(m.object) !== undefined
        ? withLastApplied(m.object)
        : m.object;
    const obj = forCreate(withAnnotation);
    try {
      const created = opts.dryRun ? obj : await client.create(obj);
      count++;
      printer.print(created, m.kind, m.name, 'created');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      errors.push(serverError(err, `error when creating "${m.source}": `));
    }
  }
  if (errors.length > 0) return reportErrors(errors, opts);
  if (count === 0) return reportErrors([new KubectlError('no objects passed to create')], opts);
  return 0;
}
