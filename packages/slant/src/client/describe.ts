// kubectl's generic describer (what `kubectl describe` prints for a kind it has no describer
// for, as for every Tilt kind): Name, Namespace, Labels, Annotations, then every other field as
// an indented tree with camelCase keys turned into words ("creationTimestamp" → "Creation
// Timestamp"), keys sorted, aligned as kubectl's tab writer aligns them. No Events section: the
// session serves no Events, so kubectl prints none for Tilt either.
import type { ApiObject } from '@slant/api';

/** The acronyms kubectl's smartLabelFor keeps upper-case. */
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/**
 * kubectl's smartLabelFor: `creationTimestamp` → `Creation Timestamp`, `apiVersion` → `API
 * Version`; a key with anything but letters and '-' (`0-name`, `tilt.dev/resource`) stays as is.
 */
export function smartLabel(key: string): string {
  if (/[^\p{L}-]/u.test(key)) return key;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((w) => w !== '');
  return words
    .map((w) =>
      ACRONYMS.has(w.toUpperCase()) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join(' ');
}

type Line = { indent: number; key: string; value?: string };

function scalar(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function walk(
  out: Line[],
  indent: number,
  value: unknown,
  skip: ReadonlySet<string>,
  path: string,
): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        walk(out, indent, item, skip, path);
      } else out.push({ indent, key: scalar(item) });
    }
    return;
  }
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj).sort()) {
    const p = `${path}.${k}`;
    if (skip.has(p)) continue;
    const v = obj[k];
    if (v !== null && typeof v === 'object') {
      out.push({ indent, key: `${smartLabel(k)}:` });
      walk(out, indent + 1, v, skip, p);
    } else out.push({ indent, key: `${smartLabel(k)}:`, value: scalar(v) });
  }
}

function mapLines(
  label: string,
  m: Readonly<Record<string, string>> | undefined,
  sep: string,
): Line[] {
  const entries = Object.entries(m ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return [{ indent: 0, key: `${label}:`, value: '<none>' }];
  return entries.map(([k, v], i) => ({
    indent: 0,
    key: i === 0 ? `${label}:` : '',
    value: `${k}${sep}${v}`,
  }));
}

/** Lines as kubectl's tab writer prints them: values of a run of lines start in one column. */
function render(lines: readonly Line[]): string {
  const cells = lines.map((l) => ({ first: `${'  '.repeat(l.indent)}${l.key}`, value: l.value }));
  let out = '';
  let i = 0;
  while (i < cells.length) {
    if (cells[i]!.value === undefined) {
      out += `${cells[i]!.first}\n`;
      i++;
      continue;
    }
    let j = i;
    let width = 0;
    while (j < cells.length && cells[j]!.value !== undefined) {
      width = Math.max(width, cells[j]!.first.length);
      j++;
    }
    for (const c of cells.slice(i, j)) out += `${c.first.padEnd(width + 2)}${c.value}\n`;
    i = j;
  }
  return out;
}

export function describeObject(obj: ApiObject): string {
  const lines: Line[] = [
    { indent: 0, key: 'Name:', value: obj.metadata.name },
    { indent: 0, key: 'Namespace:', value: '' },
    ...mapLines('Labels', obj.metadata.labels, '='),
    ...mapLines('Annotations', obj.metadata.annotations, ': '),
  ];
  const skip = new Set([
    '.metadata.name',
    '.metadata.namespace',
    '.metadata.labels',
    '.metadata.annotations',
  ]);
  walk(lines, 0, obj, skip, '');
  return render(lines);
}
