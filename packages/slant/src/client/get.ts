// `slant get`: kubectl's get against the session's API — one kind, by name or label selector,
// printed as a table, names, JSON or YAML; `-w` keeps printing changes.
import type { ApiObject } from '@slant/api';
import { ApiError, type ApiClient } from './api-client.ts';
import { type OutputFormat, printObjects } from './printers.ts';
import { parseTypeArgs } from './resources.ts';

export interface GetOptions {
  readonly output: OutputFormat;
  readonly selector: string;
  readonly watch: boolean;
  /** Only the changes from now on (`--watch-only`). */
  readonly watchOnly?: boolean;
  readonly ignoreNotFound: boolean;
  readonly signal?: AbortSignal;
  readonly write: (text: string) => void;
  readonly writeErr: (text: string) => void;
}

/** Runs the command; returns the exit code (1 when any named object was not found). */
export async function runGet(
  client: ApiClient,
  args: readonly string[],
  opts: GetOptions,
): Promise<number> {
  const { kind, names } = parseTypeArgs(args);
  let objs: ApiObject[] = [];
  let code = 0;
  let resourceVersion = '';
  if (names.length === 0) {
    const list = await client.list(kind, opts.selector);
    objs = list.items;
    resourceVersion = list.metadata?.resourceVersion ?? '';
  } else {
    for (const name of names) {
      try {
        objs.push(await client.get(kind, name));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.code === 404 && opts.ignoreNotFound) continue;
        opts.writeErr(`${err.message}\n`);
        code = 1;
      }
    }
  }
  const single = names.length === 1;
  const watchOnly = opts.watchOnly === true;
  if (objs.length > 0 && !watchOnly) {
    opts.write(printObjects(objs, opts.output, { single, header: true }));
  } else if (names.length === 0 && !opts.watch && !watchOnly) {
    opts.writeErr('No resources found\n');
  }
  if (!opts.watch && !watchOnly) return code;

  const wanted = new Set(names);
  let printedHeader = objs.length > 0 && !watchOnly;
  for await (const ev of client.watch(kind, {
    labelSelector: opts.selector,
    resourceVersion,
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
  })) {
    if (ev.type === 'ERROR') break;
    if (wanted.size > 0 && !wanted.has(ev.object.metadata.name)) continue;
    // With a list first, the watch resumes after it; without one (names), skip replays.
    if (
      resourceVersion === '' &&
      ev.type === 'ADDED' &&
      objs.some((o) => sameVersion(o, ev.object))
    )
      continue;
    opts.write(printObjects([ev.object], opts.output, { single: true, header: !printedHeader }));
    printedHeader = true;
  }
  return code;
}

function sameVersion(a: ApiObject, b: ApiObject): boolean {
  return (
    a.metadata.name === b.metadata.name && a.metadata.resourceVersion === b.metadata.resourceVersion
  );
}
