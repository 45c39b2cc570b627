// `slant wait`: kubectl's wait against the session's API — until every named object has a
// status condition of the wanted value (`--for=condition=Ready`, `=False` to wait for false), a
// JSONPath value (`--for=jsonpath='{.status.updateStatus}'=ok`, or only that the path is there),
// exists (`--for=create`) or is gone (`--for=delete`), or the timeout passes.
import { type ApiObject, KIND_PLURALS, type Kind } from '@slant/api';
import { UserError } from '../errors.ts';
import { parseGoDuration } from '../tiltfile/godur.ts';
import { ApiError, type ApiClient } from './api-client.ts';
import type { JsonPath } from './jsonpath.ts';
import { findValues, relaxedJsonPath, valueText } from './jsonpath-eval.ts';
import { parseTypeArgs, singularQualified } from './resources.ts';

export type WaitFor =
  | { readonly kind: 'delete' }
  | { readonly kind: 'create' }
  | { readonly kind: 'condition'; readonly type: string; readonly status: string }
  | { readonly kind: 'jsonpath'; readonly path: JsonPath; readonly value?: string };

/** `{.a.b}=v` or `.a.b=v`: the expression, and the value after the `=` that follows it. */
function splitJsonPath(input: string): [string, string | undefined] {
  const end = input.startsWith('{') ? input.lastIndexOf('}') + 1 : input.indexOf('=');
  if (end <= 0) return [input, undefined];
  const rest = input.slice(end);
  if (rest === '') return [input, undefined];
  if (!rest.startsWith('=')) return [input, undefined];
  return [input.slice(0, end), rest.slice(1)];
}

export function parseWaitFor(raw: string | undefined): WaitFor {
  const v = raw ?? '';
  if (v.toLowerCase() === 'delete') return { kind: 'delete' };
  if (v.toLowerCase() === 'create') return { kind: 'create' };
  const m = /^condition=([^=]+)(?:=(.*))?$/i.exec(v);
  if (m !== null) return { kind: 'condition', type: m[1]!, status: m[2] ?? 'True' };
  if (v.toLowerCase().startsWith('jsonpath=')) {
    const [expr, value] = splitJsonPath(v.slice('jsonpath='.length));
    if (expr === '') throw new UserError('bad-flag', 'error: jsonpath expression cannot be empty');
    return {
      kind: 'jsonpath',
      path: relaxedJsonPath(expr),
      ...(value === undefined ? {} : { value }),
    };
  }
  throw new UserError(
    'bad-flag',
    v === '' ? 'error: --for must be specified' : `error: unrecognized condition: "${v}"`,
    'Use --for=delete, --for=create, --for=condition=<type>[=<status>] or --for=jsonpath=<expr>[=<value>].',
  );
}

/** kubectl's JSONPath wait: the path finds one value, equal to the wanted one when given. */
function jsonPathMet(obj: ApiObject, f: WaitFor & { kind: 'jsonpath' }): boolean {
  const values = findValues(f.path, obj);
  if (values.length === 0) return false;
  if (values.length > 1) {
    throw new UserError('bad-flag', `error: given jsonpath expression matches more than one value`);
  }
  return f.value === undefined || valueText(values[0]) === f.value;
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
  if (given.length === 0 && !opts.all && opts.selector === '') {
    throw new UserError('bad-args', 'error: resource(s) were provided, but no name was specified');
  }
  // One list, then a watch from its resourceVersion: no change falls between the two.
  const list = await client.list(kind, given.length === 0 ? opts.selector : '');
  const present = new Map(list.items.map((o) => [o.metadata.name, o]));
  const names = given.length > 0 ? given : [...present.keys()];
  if (names.length === 0) throw new UserError('no-objects', 'error: no matching resources found');
  const pending = new Set(names);
  const done = (name: string, obj: ApiObject | undefined) => {
    if (!pending.has(name)) return;
    const f = opts.for;
    const met =
      f.kind === 'delete'
        ? obj === undefined
        : obj !== undefined &&
          (f.kind === 'create' ||
            (f.kind === 'condition' ? conditionMet(obj, f) : jsonPathMet(obj, f)));
    if (!met) return;
    pending.delete(name);
    opts.write(`${singularQualified(kind)}/${name} condition met\n`);
  };
  for (const n of names) {
    // kubectl reads each named object first: a missing one is an error, or, when waiting for
    // deletion, already done.
    if (!present.has(n) && opts.for.kind !== 'delete' && opts.for.kind !== 'create') {
      throw new ApiError(404, {
        reason: 'NotFound',
        message: `${KIND_PLURALS[kind]}.tilt.dev "${n}" not found`,
      });
    }
    done(n, present.get(n));
  }
  if (pending.size === 0) return;
  const timeout = parseGoDuration(opts.timeout);
  const ms = timeout < 0 ? 7 * 24 * 3_600_000 : timeout;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    const events = client.watch(kind, {
      resourceVersion: list.metadata?.resourceVersion ?? '',
      signal: abort.signal,
    });
    for await (const ev of events) {
      done(ev.object.metadata.name, ev.type === 'DELETED' ? undefined : ev.object);
      if (pending.size === 0) return;
    }
  } catch (err) {
    if (!abort.signal.aborted || err instanceof ApiError) throw err;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  throw timedOut(kind, [...pending][0]!);
}

function timedOut(kind: Kind, name: string): UserError {
  return new UserError(
    'timeout',
    `error: timed out waiting for the condition on ${KIND_PLURALS[kind]}/${name}`,
  );
}
