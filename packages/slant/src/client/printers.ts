// kubectl's output formats for API objects: the default table (NAME, CREATED AT: what a server
// without its own table columns gives), `-o name`, `-o json`, `-o yaml`. JSON and YAML keys are
// sorted as kubectl's (Go maps) are, and lists print as kubectl's `kind: List`.
import type { ApiObject } from '@slant/api';
import { stringify } from 'yaml';
import { UserError } from '../errors.ts';
import { type CustomColumn, customColumnRows, parseCustomColumns } from './custom-columns.ts';
import { type JsonPath, parseJsonPath } from './jsonpath.ts';
import { executeJsonPath } from './jsonpath-eval.ts';
import { singularQualified } from './resources.ts';

export type OutputFormat =
  | 'table'
  | 'wide'
  | 'name'
  | 'json'
  | 'yaml'
  | { readonly jsonpath: JsonPath }
  | { readonly customColumns: readonly CustomColumn[] };

export function parseOutputFormat(raw: string | undefined): OutputFormat {
  if (raw === undefined || raw === '') return 'table';
  if (raw === 'wide' || raw === 'name' || raw === 'json' || raw === 'yaml') return raw;
  const eq = raw.indexOf('=');
  const [kind, arg] = eq < 0 ? [raw, ''] : [raw.slice(0, eq), raw.slice(eq + 1)];
  if (kind === 'jsonpath') {
    if (arg === '') {
      throw new UserError('bad-flag', 'error: template format specified but no template given');
    }
    return { jsonpath: parseJsonPath(arg) };
  }
  if (kind === 'custom-columns') return { customColumns: parseCustomColumns(arg) };
  throw new UserError(
    'bad-flag',
    `error: unable to match a printer suitable for the output format "${raw}", allowed formats are: custom-columns,json,jsonpath,name,wide,yaml`,
  );
}

/** kubectl's tab writer: minimum cell width 10, padding 3, the last column unpadded. */
export function tabulate(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, Math.max(cell.length + 3, 10));
    });
  }
  return rows
    .map((row) =>
      row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}

export const TABLE_HEADER: readonly string[] = ['NAME', 'CREATED AT'];

/** kubectl get's table flags. */
export interface TableOptions {
  /** `--no-headers`. */
  readonly noHeaders?: boolean;
  /** `--show-kind`: names as `kind.group/name` (always so with several types). */
  readonly showKind?: boolean;
  /** `--show-labels`: a LABELS column of `k=v,…`. */
  readonly showLabels?: boolean;
  /** `-L KEY`: one column per label key, headed by its last path segment in capitals. */
  readonly labelColumns?: readonly string[];
}

function labelsText(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels?.[k]}`).join(',');
}

export function tableHeader(opts: TableOptions = {}): string[] {
  const header = [...TABLE_HEADER];
  for (const key of opts.labelColumns ?? []) {
    header.push((key.split('/').pop() ?? key).toUpperCase());
  }
  if (opts.showLabels === true) header.push('LABELS');
  return header;
}

export function tableRow(obj: ApiObject, opts: TableOptions = {}): string[] {
  const name =
    opts.showKind === true
      ? `${singularQualified(obj.kind)}/${obj.metadata.name}`
      : obj.metadata.name;
  const row = [name, obj.metadata.creationTimestamp ?? '<unknown>'];
  for (const key of opts.labelColumns ?? []) row.push(obj.metadata.labels?.[key] ?? '');
  if (opts.showLabels === true) row.push(labelsText(obj.metadata.labels));
  return row;
}

/** A table of `objs`; the header unless --no-headers or `header` is false (a watch's next rows). */
export function table(objs: readonly ApiObject[], opts: TableOptions, header: boolean): string {
  const rows = objs.map((o) => tableRow(o, opts));
  return tabulate(header && opts.noHeaders !== true ? [tableHeader(opts), ...rows] : rows);
}

/** Recursively sorts object keys (kubectl prints unstructured objects with sorted keys). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort())
    out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}

function listOf(items: readonly ApiObject[]): unknown {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Go's encoding/json (kubectl's -o json) escapes these inside strings; they occur nowhere else. */
const GO_ESCAPED = /[<>&\u2028\u2029]/g;

/** Indented JSON as Go writes it: kubectl's four spaces, `tilt dump`'s two. */
export function toJson(value: unknown, indent = 4): string {
  const text = JSON.stringify(sortKeys(value), null, indent).replace(
    GO_ESCAPED,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${text}\n`;
}

export function toYaml(value: unknown): string {
  // YAML 1.1, as Go's yaml.v2 under kubectl: timestamps, numbers and yes/no in strings are quoted.
  return stringify(sortKeys(value), { version: '1.1', indentSeq: false, lineWidth: 0 });
}

/**
 * The text of `objs` in `format`. A single object asked for by name prints bare in json/yaml;
 * otherwise as a List. Tables include the header only when `header` is set.
 */
export function printObjects(
  objs: readonly ApiObject[],
  format: OutputFormat,
  opts: { single: boolean; header: boolean; table?: TableOptions },
): string {
  if (typeof format === 'object') {
    if ('jsonpath' in format) {
      return executeJsonPath(
        format.jsonpath,
        opts.single && objs.length === 1 ? objs[0] : listOf(objs),
      );
    }
    const header = opts.header && opts.table?.noHeaders !== true;
    return tabulate(customColumnRows(objs, format.customColumns, header));
  }
  switch (format) {
    case 'name':
      return objs.map((o) => `${singularQualified(o.kind)}/${o.metadata.name}\n`).join('');
    case 'json':
      return toJson(opts.single && objs.length === 1 ? objs[0] : listOf(objs));
    case 'yaml':
      return toYaml(opts.single && objs.length === 1 ? objs[0] : listOf(objs));
    default:
      return table(objs, opts.table ?? {}, opts.header);
  }
}
