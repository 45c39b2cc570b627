// kubectl's `-o custom-columns=HEADER:PATH,…` and `--sort-by=PATH` for `slant get`.
import type { ApiObject } from '@slant/api';
import { UserError } from '../errors.ts';
import { findValues, relaxedJsonPath, valueText } from './jsonpath-eval.ts';
import type { JsonPath } from './jsonpath.ts';

export interface CustomColumn {
  readonly header: string;
  readonly path: JsonPath;
}

export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') {
    throw new UserError(
      'bad-flag',
      'error: custom-columns format specified but no custom columns given',
    );
  }
  return spec.split(',').map((col) => {
    const at = col.indexOf(':');
    if (at < 0) {
      throw new UserError(
        'bad-flag',
        `error: unexpected custom-columns spec: ${col}, expected <header>:<json-path-expr>`,
      );
    }
    return { header: col.slice(0, at), path: relaxedJsonPath(col.slice(at + 1)) };
  });
}

/** The rows of the custom columns: several values of one cell joined by commas, none as <none>. */
export function customColumnRows(
  objs: readonly ApiObject[],
  columns: readonly CustomColumn[],
  header: boolean,
): string[][] {
  const rows = objs.map((o) =>
    columns.map((c) => {
      const values = findValues(c.path, o);
      return values.length === 0 ? '<none>' : values.map(valueText).join(',');
    }),
  );
  return header ? [columns.map((c) => c.header), ...rows] : rows;
}

function sortKey(v: unknown): [number, number | string] {
  if (typeof v === 'number') return [1, v];
  if (typeof v === 'string') return [2, v];
  if (v === undefined) return [0, 0];
  return [3, valueText(v)];
}

/** `--sort-by`: objects ordered by the first value the path finds (those without it first). */
export function sortObjects(objs: readonly ApiObject[], expr: string): ApiObject[] {
  const path = relaxedJsonPath(expr);
  const keyed = objs.map((o) => ({ o, k: sortKey(findValues(path, o)[0]) }));
  keyed.sort((a, b) => {
    if (a.k[0] !== b.k[0]) return a.k[0] - b.k[0];
    return a.k[1] < b.k[1] ? -1 : a.k[1] > b.k[1] ? 1 : 0;
  });
  return keyed.map((x) => x.o);
}
