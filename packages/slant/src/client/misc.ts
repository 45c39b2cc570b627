// Smaller client operations: delete, patch, api-resources, describe, dump engine.
import { API_VERSION, type ApiObject, KIND_NAMES, KIND_PLURALS, type Kind } from '@slant/api';
import { UserError } from '../errors.ts';
import { ApiError, type ApiClient, type PatchType } from './api-client.ts';
import { describeObject } from './describe.ts';
import { tabulate, toJson } from './printers.ts';
import { parseTypeArgs, singularQualified } from './resources.ts';

export interface Io {
  readonly write: (text: string) => void;
  readonly writeErr: (text: string) => void;
}

async function selectObjects(
  client: ApiClient,
  kind: Kind,
  names: readonly string[],
  selector: string,
  all: boolean,
  io: Io,
): Promise<{ objs: ApiObject[]; code: number }> {
  if (names.length === 0) {
    if (!all && selector === '') {
      throw new UserError(
        'bad-args',
        'error: resource(s) were provided, but no name was specified',
      );
    }
    return { objs: (await client.list(kind, selector)).items, code: 0 };
  }
  const objs: ApiObject[] = [];
  let code = 0;
  for (const n of names) {
    try {
      objs.push(await client.get(kind, n));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      io.writeErr(`${err.message}\n`);
      code = 1;
    }
  }
  return { objs, code };
}

/** `slant delete TYPE NAME… | -l sel | --all`; returns the exit code. */
export async function runDelete(
  client: ApiClient,
  args: readonly string[],
  opts: { selector: string; all: boolean; ignoreNotFound: boolean } & Io,
): Promise<number> {
  const { kind, names } = parseTypeArgs(args);
  const io = opts.ignoreNotFound ? { ...opts, writeErr: () => {} } : opts;
  const { objs, code } = await selectObjects(client, kind, names, opts.selector, opts.all, io);
  if (objs.length === 0 && names.length === 0) opts.writeErr('No resources found\n');
  for (const o of objs) {
    await client.delete(kind, o.metadata.name);
    opts.write(`${singularQualified(kind)} "${o.metadata.name}" deleted\n`);
  }
  return opts.ignoreNotFound ? 0 : code;
}

/**
 * `slant patch TYPE NAME -p PATCH [--type json|merge|strategic] [--subresource status]`; the
 * patch is JSON or YAML, as kubectl takes it.
 */
export async function runPatch(
  client: ApiClient,
  args: readonly string[],
  opts: { patch: string; type?: PatchType; subresource?: 'status' } & Io,
): Promise<void> {
  const { kind, names } = parseTypeArgs(args);
  if (names.length !== 1) {
    throw new UserError('bad-args', 'error: patch requires exactly one resource name');
  }
  const name = names[0]!;
  let patch: unknown;
  try {
    patch = JSON.parse(opts.patch);
  } catch {
    try {
      // The YAML reader only for a patch that is not JSON: it is not loaded for other commands.
      const { parseYAMLValues } = await import('../k8s/yaml.ts');
      patch = parseYAMLValues(opts.patch)[0];
    } catch (err) {
      throw new UserError(
        'bad-flag',
        `error: unable to parse "${opts.patch}": ${(err as Error).message}`,
      );
    }
  }
  const before = await client.get(kind, name);
  const after = await client.patch(kind, name, patch, opts.subresource, opts.type ?? 'strategic');
  const changed = before.metadata.resourceVersion !== after.metadata.resourceVersion;
  opts.write(`${singularQualified(kind)}/${name} ${changed ? 'patched' : 'patched (no change)'}\n`);
}

/** `slant describe TYPE [NAME_PREFIX…] | TYPE/NAME`: names match as prefixes, as kubectl's. */
export async function runDescribe(
  client: ApiClient,
  args: readonly string[],
  opts: { selector: string } & Io,
): Promise<number> {
  const { kind, names } = parseTypeArgs(args);
  const items = (await client.list(kind, opts.selector)).items;
  let objs: ApiObject[];
  let code = 0;
  if (names.length === 0) objs = items;
  else {
    objs = [];
    for (const n of names) {
      const exact = items.find((o) => o.metadata.name === n);
      const matched =
        exact !== undefined ? [exact] : items.filter((o) => o.metadata.name.startsWith(n));
      if (matched.length === 0) {
        opts.writeErr(
          `Error from server (NotFound): ${KIND_PLURALS[kind]}.tilt.dev "${n}" not found\n`,
        );
        code = 1;
      }
      objs.push(...matched);
    }
  }
  if (objs.length === 0 && names.length === 0) opts.writeErr('No resources found\n');
  opts.write(objs.map(describeObject).join('\n\n'));
  return code;
}

/** kubectl's api-resources table for the tilt.dev group. */
export function apiResourcesTable(): string {
  const rows = KIND_NAMES.map((k) => [KIND_PLURALS[k], '', API_VERSION, 'false', k]);
  rows.sort((a, b) => a[0]!.localeCompare(b[0]!));
  return tabulate([['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], ...rows]);
}

/** `slant dump engine`: every object of the store, by kind, as JSON. */
export async function dumpEngine(client: ApiClient): Promise<string> {
  const out: Record<string, ApiObject[]> = {};
  for (const kind of KIND_NAMES) {
    const items = (await client.list(kind)).items;
    if (items.length > 0) out[kind] = items;
  }
  return toJson(out);
}
