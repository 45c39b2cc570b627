// `slant get`: kubectl's get against the session's API — a kind (or several: `cmds,filewatches`),
// by name or label selector,
// printed as a table, names, JSON or YAML; `-w` keeps printing changes.
import type { ApiObject } from '@slant/api';
import { UserError } from '../errors.ts';
import { ApiError, type ApiClient } from './api-client.ts';
import { sortObjects } from './custom-columns.ts';
import { type OutputFormat, printObjects, type TableOptions, table } from './printers.ts';
import { parseTypeArgs, requireKind } from './resources.ts';

export interface GetOptions {
  readonly output: OutputFormat;
  readonly selector: string;
  readonly watch: boolean;
  /** Only the changes from now on (`--watch-only`). */
  readonly watchOnly?: boolean;
  readonly ignoreNotFound: boolean;
  /** The table flags (--no-headers, --show-kind, --show-labels, -L). */
  readonly table?: TableOptions;
  /** `--field-selector` (metadata.name, metadata.namespace). */
  readonly fieldSelector?: string;
  /** `--sort-by`: a JSONPath expression the listed objects are ordered by. */
  readonly sortBy?: string;
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
  const first = args[0] ?? '';
  if (first.includes(',') && !first.includes('/')) return getKinds(client, args, opts);
  const { kind, names } = parseTypeArgs(args);
  let objs: ApiObject[] = [];
  let code = 0;
  let resourceVersion = '';
  if (names.length === 0) {
    const list = await client.list(kind, opts.selector, opts.fieldSelector);
    objs = opts.sortBy === undefined ? list.items : sortObjects(list.items, opts.sortBy);
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
    opts.write(printObjects(objs, opts.output, { single, header: true, ...tableOf(opts) }));
  } else if (names.length === 0 && !opts.watch && !watchOnly) {
    opts.writeErr('No resources found\n');
  }
  if (!opts.watch && !watchOnly) return code;

  const wanted = new Set(names);
  let printedHeader = objs.length > 0 && !watchOnly;
  for await (const ev of client.watch(kind, {
    labelSelector: opts.selector,
    ...(opts.fieldSelector === undefined ? {} : { fieldSelector: opts.fieldSelector }),
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
    opts.write(
      printObjects([ev.object], opts.output, {
        single: true,
        header: !printedHeader,
        ...tableOf(opts),
      }),
    );
    printedHeader = true;
  }
  return code;
}

function tableOf(opts: GetOptions): { table?: TableOptions } {
  return opts.table === undefined ? {} : { table: opts.table };
}

function sameVersion(a: ApiObject, b: ApiObject): boolean {
  return (
    a.metadata.name === b.metadata.name && a.metadata.resourceVersion === b.metadata.resourceVersion
  );
}

/**
 * `get TYPE1,TYPE2`: each kind's table in turn (names qualified, a blank line between), or one
 * List in JSON/YAML, as kubectl prints several types.
 */
async function getKinds(
  client: ApiClient,
  args: readonly string[],
  opts: GetOptions,
): Promise<number> {
  if (args.length > 1) {
    throw new UserError('bad-args', 'error: names cannot be given with several resource types');
  }
  if (opts.watch || opts.watchOnly === true) {
    throw new UserError('bad-args', 'error: you may only specify a single resource type');
  }
  const kinds = (args[0] ?? '')
    .split(',')
    .filter((k) => k !== '')
    .map(requireKind);
  const lists = await Promise.all(
    kinds.map((k) => client.list(k, opts.selector, opts.fieldSelector)),
  );
  const all = lists.flatMap((l) => l.items);
  if (all.length === 0) {
    opts.writeErr('No resources found\n');
    return 0;
  }
  if (opts.output !== 'table' && opts.output !== 'wide') {
    // One List of every type, as kubectl prints several types in any other format.
    opts.write(printObjects(all, opts.output, { single: false, header: true }));
    return 0;
  }
  const blocks = lists
    .filter((l) => l.items.length > 0)
    .map((l) => table(l.items, { ...opts.table, showKind: true }, true));
  opts.write(blocks.join('\n'));
  return 0;
}
