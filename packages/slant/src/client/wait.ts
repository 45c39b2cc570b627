// `slant wait`: kubectl's wait against the session's API — until every named object has a
// status condition of the wanted value (`--for=condition=Ready`, `=False` to wait for false), or
// is gone (`--for=delete`), or the timeout passes.
import { type ApiObject, KIND_PLURALS, type Kind } from '@slant/api';
import { UserError } from '../errors.ts';
import { parseGoDuration } from '../tiltfile/godur.ts';
import { ApiError, type ApiClient } from './api-client.ts';
import { parseTypeArgs, singularQualified } from './resources.ts';

export type WaitFor =
  | { readonly kind: 'delete' }
  | { readonly kind: 'condition'; readonly type: string; readonly status: string };

export function parseWaitFor(raw: string | undefined): WaitFor {
  const v = raw ?? '';
  if (v.toLowerCase() === 'delete') return { kind: 'delete' };
  const m = /^condition=([^=]+)(?:=(.*))?$/i.exec(v);
  if (m !== null) return { kind: 'condition', type: m[1]!, status: m[2] ?? 'True' };
  throw new UserError(
    'bad-flag',
    v === '' ? 'error: --for must be specified' : `error: unrecognized condition: "${v}"`,
    'Use --for=delete or --for=condition=<type>[=<status>].',
  );
}

function conditionMet(obj: ApiObject, f: WaitFor & { kind: 'condition' }): boolean {
  const status = (obj as { status?: { conditions?: { type?: string; status?: string }[] } }).status;
  return (status?.conditions ?? []).some(
    (c) =>
      c.type?.toLowerCase() === f.type.toLowerCase() &&
      c.status?.toLowerCase() === f.status.toLowerCase(),
  );
}

export interface WaitOptions {
  readonly for: WaitFor;
  /** A Go duration; kubectl's default is 30s. */
  readonly timeout: string;
  readonly selector: string;
  readonly all: boolean;
  readonly write: (text: string) => void;
}

/** Resolves when every object is done; throws kubectl's timeout error otherwise. */
export async function runWait(
  client: ApiClient,
  args: readonly string[],
  opts: WaitOptions,
): Promise<void> {
  const { kind, names: given } = parseTypeArgs(args);
  let names = given;
  if (names.length === 0) {
    if (!opts.all && opts.selector === '') {
      throw new UserError(
        'bad-args',
        'error: resource(s) were provided, but no name was specified',
      );
    }
    names = (await client.list(kind, opts.selector)).items.map((o) => o.metadata.name);
    if (names.length === 0) throw new UserError('no-objects', 'error: no matching resources found');
  } else {
    // kubectl reads each named object first: a missing one is an error at once.
    for (const n of names) await client.get(kind, n);
  }
  const timeout = parseGoDuration(opts.timeout);
  const ms = timeout < 0 ? 7 * 24 * 3_600_000 : timeout;
  const pending = new Set(names);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    const done = (obj: ApiObject, deleted: boolean) => {
      if (!pending.has(obj.metadata.name)) return;
      const met = opts.for.kind === 'delete' ? deleted : !deleted && conditionMet(obj, opts.for);
      if (!met) return;
      pending.delete(obj.metadata.name);
      const verb = opts.for.kind === 'delete' ? 'deleted' : 'condition met';
      opts.write(`${singularQualified(kind)}/${obj.metadata.name} ${verb}\n`);
    };
    try {
      for await (const ev of client.watch(kind, { signal: abort.signal })) {
        done(ev.object, ev.type === 'DELETED');
        if (pending.size === 0) return;
      }
    } catch (err) {
      if (!abort.signal.aborted || err instanceof ApiError) throw err;
    }
    if (pending.size > 0) throw timedOut(kind, [...pending][0]!);
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

function timedOut(kind: Kind, name: string): UserError {
  return new UserError(
    'timeout',
    `error: timed out waiting for the condition on ${KIND_PLURALS[kind]}/${name}`,
  );
}
