// Runs a parsed JSONPath template (jsonpath.ts) over a JSON value, printing as kubectl does:
// each action's results joined by a space, strings bare, objects and lists as compact JSON.
import { type JsonPath, type Operand, parseJsonPath, type Segment, type Step } from './jsonpath.ts';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sliceOf(arr: readonly Json[], st: Extract<Step, { t: 'slice' }>): Json[] {
  const n = arr.length;
  const norm = (i: number) => (i < 0 ? Math.max(0, n + i) : Math.min(i, n));
  const step = st.step ?? 1;
  const start = norm(st.start ?? 0);
  const end = norm(st.end ?? n);
  const out: Json[] = [];
  if (step > 0) for (let i = start; i < end; i += step) out.push(arr[i]);
  return out;
}

function descendants(v: Json, out: Json[]): void {
  out.push(v);
  if (Array.isArray(v)) for (const x of v) descendants(x, out);
  else if (isObject(v)) for (const k of Object.keys(v).sort()) descendants(v[k], out);
}

function operand(o: Operand, cur: Json): Json[] {
  return 'value' in o ? [o.value] : evalSteps(o.path, [cur]);
}

function compare(a: Json, op: string, b: Json): boolean {
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) return false;
  const [x, y] = [a as number | string, b as number | string];
  return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
}

function applyStep(step: Step, values: readonly Json[]): Json[] {
  const out: Json[] = [];
  for (const v of values) {
    switch (step.t) {
      case 'field':
        if (step.name === '*') {
          if (isObject(v)) for (const k of Object.keys(v).sort()) out.push(v[k]);
          else if (Array.isArray(v)) out.push(...v);
        } else if (isObject(v) && step.name in v) out.push(v[step.name]);
        break;
      case 'index':
        if (Array.isArray(v)) {
          const i = step.i < 0 ? v.length + step.i : step.i;
          if (i >= 0 && i < v.length) out.push(v[i]);
        }
        break;
      case 'slice':
        if (Array.isArray(v)) out.push(...sliceOf(v, step));
        break;
      case 'recursive':
        descendants(v, out);
        break;
      case 'union':
        for (const alt of step.alts) out.push(...evalSteps(alt, [v]));
        break;
      case 'filter': {
        const items = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];
        for (const item of items) {
          const left = evalSteps(step.left, [item]);
          if (step.op === undefined || step.right === undefined) {
            if (left.length > 0) out.push(item);
            continue;
          }
          const right = operand(step.right, item);
          const op = step.op;
          if (left.some((l) => right.some((r) => compare(l, op, r)))) out.push(item);
        }
        break;
      }
    }
  }
  return out;
}

/** `..name` finds `name` at any depth: the recursive step yields every descendant first. */
function evalSteps(steps: readonly Step[], start: readonly Json[]): Json[] {
  let values: Json[] = [...start];
  for (const step of steps) values = applyStep(step, values);
  return values;
}

/** Go's encoding/json escapes these inside strings. */
const GO_ESCAPED = /[<>&\u2028\u2029]/g;

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  const out: Record<string, Json> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
  return out;
}

/** One value as kubectl's JSONPath printer writes it. */
export function valueText(v: Json): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') {
    return JSON.stringify(sortKeys(v)).replace(
      GO_ESCAPED,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  return String(v);
}

function run(segments: readonly Segment[], data: Json, out: string[]): void {
  for (const seg of segments) {
    if (seg.t === 'text') out.push(seg.s);
    else if (seg.t === 'path') out.push(evalSteps(seg.steps, [data]).map(valueText).join(' '));
    else for (const item of evalSteps(seg.steps, [data])) run(seg.body, item, out);
  }
}

/** The template's text for `data`. */
export function executeJsonPath(path: JsonPath, data: Json): string {
  const out: string[] = [];
  run(path.segments, data, out);
  return out.join('');
}

/** The values one path expression finds (custom columns, --sort-by). */
export function findValues(path: JsonPath, data: Json): Json[] {
  const seg = path.segments.find((s) => s.t === 'path');
  return seg === undefined || seg.t !== 'path' ? [] : evalSteps(seg.steps, [data]);
}

/**
 * kubectl's relaxed form for custom columns and --sort-by: `metadata.name`, `.metadata.name`
 * and `{.metadata.name}` all mean the same.
 */
export function relaxedJsonPath(expr: string): JsonPath {
  let e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1);
  if (!e.startsWith('.') && !e.startsWith('[') && !e.startsWith('$') && !e.startsWith('@')) {
    e = `.${e}`;
  }
  return parseJsonPath(`{${e}}`);
}
