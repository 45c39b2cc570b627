// What the writing commands (apply, create, edit) share: kubectl's `-o` for a written object
// (`cmd.tilt.dev/x created`, `-o name`, json, yaml), its last-applied annotation, and its way
// of reporting several errors at the end of a command.
import type { ApiObject, Kind } from '@slant/api';
import { UserError } from '../errors.ts';
import type { ApiError } from './api-client.ts';
import type { Io } from './misc.ts';
import { sortKeys, toJson, toYaml } from './printers.ts';
import { singularQualified } from './resources.ts';
import { isJsonObject, type JsonObject } from './three-way.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** `-o` of a writing command: '' prints `<kind>.tilt.dev/<name> <operation>`. */
export type WriteOutput = '' | 'name' | 'json' | 'yaml';

export function parseWriteOutput(raw: string | undefined): WriteOutput {
  if (raw === undefined || raw === '') return '';
  if (raw === 'name' || raw === 'json' || raw === 'yaml') return raw;
  throw new UserError(
    'bad-flag',
    `error: unable to match a printer suitable for the output format "${raw}", allowed formats are: json,name,yaml`,
  );
}

/** Writes objects as kubectl's printers do, one call per object. */
export class ObjectPrinter {
  private count = 0;
  private readonly format: WriteOutput;
  private readonly write: (text: string) => void;
  private readonly dryRun: boolean;

  constructor(format: WriteOutput, write: (text: string) => void, dryRun = false) {
    this.format = format;
    this.write = write;
    this.dryRun = dryRun;
  }

  print(obj: ApiObject | JsonObject, kind: Kind, name: string, operation: string): void {
    this.count++;
    switch (this.format) {
      case '':
        this.write(
          `${singularQualified(kind)}/${name} ${operation}${this.dryRun ? ' (dry run)' : ''}\n`,
        );
        return;
      case 'name':
        this.write(`${singularQualified(kind)}/${name}\n`);
        return;
      case 'json':
        this.write(toJson(obj));
        return;
      case 'yaml':
        // kubectl's YAML printer separates the documents it prints.
        this.write(`${this.count > 1 ? '---\n' : ''}${toYaml(obj)}`);
    }
  }
}

/** kubectl's `-o json|yaml` of what apply wrote: the object alone, or a List of several. */
export function printedList(objs: readonly unknown[]): unknown {
  if (objs.length === 1) return objs[0];
  return { apiVersion: 'v1', items: objs, kind: 'List', metadata: {} };
}

/** Go's encoding/json of an object: compact, keys sorted, HTML characters escaped. */
export function goCompactJSON(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function annotationsOf(obj: JsonObject): Record<string, unknown> {
  const meta = isJsonObject(obj.metadata) ? obj.metadata : {};
  obj.metadata = meta;
  const annotations = isJsonObject(meta.annotations) ? meta.annotations : {};
  meta.annotations = annotations;
  return annotations;
}

/**
 * A copy of `obj` carrying its own JSON (without the annotation itself) as the last-applied
 * annotation, byte for byte what kubectl writes (so `kubectl apply` and `slant apply` agree).
 */
export function withLastApplied(obj: JsonObject): JsonObject {
  const copy = structuredClone(obj);
  const annotations = annotationsOf(copy);
  delete annotations[LAST_APPLIED];
  const text = `${goCompactJSON(copy)}\n`;
  annotations[LAST_APPLIED] = text;
  return copy;
}

export function lastAppliedOf(obj: ApiObject | JsonObject): string | undefined {
  const meta = obj.metadata;
  if (!isJsonObject(meta) || !isJsonObject(meta.annotations)) return undefined;
  const v = meta.annotations[LAST_APPLIED];
  return typeof v === 'string' ? v : undefined;
}

/** A failure of one object, reported with the others at the end of the command. */
export class KubectlError extends Error {
  /** A server's Status reason: printed as `Error from server (Reason): …`, never prefixed. */
  readonly reason: string | undefined;

  constructor(message: string, reason?: string) {
    super(message);
    this.name = 'KubectlError';
    this.reason = reason;
  }
}

/** A server error about an input, with kubectl's `error when <verb> "<source>": ` inserted. */
export function serverError(err: ApiError, prefix: string): KubectlError {
  return new KubectlError(`${prefix}${err.status.message ?? ''}`, err.reason || 'Unknown');
}

function line(e: KubectlError): string {
  return e.reason === undefined ? e.message : `Error from server (${e.reason}): ${e.message}`;
}

/**
 * Writes the errors as kubectl's CheckErr does: one error with an `error: ` prefix (server
 * errors as they are), several one per line. Returns the exit code.
 */
export function reportErrors(errors: readonly KubectlError[], io: Io): number {
  if (errors.length === 0) return 0;
  if (errors.length === 1) {
    const e = errors[0]!;
    const text = line(e);
    io.writeErr(
      `${e.reason !== undefined || text.startsWith('error: ') ? text : `error: ${text}`}\n`,
    );
  } else {
    io.writeErr(errors.map((e) => `${line(e)}\n`).join(''));
  }
  return 1;
}

/**
 * `--dry-run[=none|client|server]` (bare or `true` means client, as kubectl's deprecated
 * forms do). The session's API server can't dry-run a request, so `server` is refused.
 */
export function parseDryRun(raw: string | boolean | undefined): boolean {
  if (raw === undefined || raw === false || raw === 'none' || raw === 'false') return false;
  if (raw === true || raw === 'client' || raw === 'true') return true;
  if (raw === 'server') {
    throw new UserError(
      'bad-flag',
      'error: --dry-run=server is not supported by the Slant API server; use --dry-run=client',
    );
  }
  throw new UserError(
    'bad-flag',
    `error: Invalid dry-run value (${raw}). Must be "none", "server", or "client".`,
  );
}
