// kubectl's JSONPath templates, for `slant get -o jsonpath=…`, `-o custom-columns=…` and
// `--sort-by`: text with `{…}` actions — `.field`, `['key']`, `[n]`, `[a:b:c]`, `[*]`, `.*`,
// `..field`, unions `[a,b]`, filters `[?(@.x == "y")]`, `range … end`, string literals. As in
// kubectl's get (missing keys allowed), a path that finds nothing prints nothing.
import { UserError } from '../errors.ts';

export type Step =
  | { readonly t: 'field'; readonly name: string } // '*' is every value
  | { readonly t: 'slice'; readonly start?: number; readonly end?: number; readonly step?: number }
  | { readonly t: 'index'; readonly i: number }
  | { readonly t: 'recursive' }
  | { readonly t: 'union'; readonly alts: readonly Step[][] }
  | { readonly t: 'filter'; readonly left: Step[]; readonly op?: string; readonly right?: Operand };

export type Operand = { readonly path: Step[] } | { readonly value: unknown };

export type Segment =
  | { readonly t: 'text'; readonly s: string }
  | { readonly t: 'path'; readonly steps: Step[] }
  | { readonly t: 'range'; readonly steps: Step[]; readonly body: Segment[] };

export interface JsonPath {
  readonly source: string;
  readonly segments: readonly Segment[];
}

function fail(source: string, why: string): never {
  throw new UserError('bad-flag', `error: error parsing jsonpath ${source}, ${why}`);
}

/** The position of the `}` closing the action opened before `from`, skipping quoted text. */
function actionEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
  }
  return -1;
}

function unquote(lit: string): string {
  const body = lit.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c,
  );
}

function parseLiteral(raw: string): unknown {
  if (/^(["']).*\1$/s.test(raw)) return unquote(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^[+-]?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return undefined;
}

function parseOperand(raw: string, source: string): Operand {
  const lit = parseLiteral(raw);
  if (lit !== undefined) return { value: lit };
  return { path: parseSteps(raw, source) };
}

function parseFilter(inner: string, source: string): Step {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/s.exec(inner);
  if (m === null) return { t: 'filter', left: parseSteps(inner.trim(), source) };
  return {
    t: 'filter',
    left: parseSteps(m[1]!.trim(), source),
    op: m[2]!,
    right: parseOperand(m[3]!.trim(), source),
  };
}

function parseBracket(inner: string, source: string): Step {
  const text = inner.trim();
  if (text.startsWith('?(') && text.endsWith(')')) return parseFilter(text.slice(2, -1), source);
  if (text === '*') return { t: 'slice' };
  if (/^(["']).*\1$/s.test(text) && !/^(["']).*\1\s*,/s.test(text)) {
    return { t: 'field', name: unquote(text) };
  }
  if (text.includes(',')) {
    return { t: 'union', alts: text.split(',').map((p) => [parseBracket(p, source)]) };
  }
  const m = /^(-?\d+)?(?::(-?\d+)?)?(?::(-?\d+)?)?$/.exec(text);
  if (m === null || text === '') fail(source, `invalid array index ${text}`);
  if (!text.includes(':')) return { t: 'index', i: Number(m[1]) };
  const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s));
  const [start, end, step] = [num(m[1]), num(m[2]), num(m[3])];
  return {
    t: 'slice',
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
    ...(step === undefined ? {} : { step }),
  };
}

/** The steps of a path such as `.a.b[0]`, `@.x`, `$..name`, `['k'][*]`. */
export function parseSteps(text: string, source: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (text[0] === '@' || text[0] === '$') i = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      if (text[i + 1] === '.') {
        steps.push({ t: 'recursive' });
        i += 2;
        continue;
      }
      const m = /^[^.[\s]*/.exec(text.slice(i + 1));
      const name = m?.[0] ?? '';
      if (name !== '') steps.push({ t: 'field', name });
      i += 1 + name.length;
    } else if (c === '[') {
      let depth = 0;
      let j = i;
      let quote = '';
      for (; j < text.length; j++) {
        const d = text[j];
        if (quote !== '') {
          if (d === quote) quote = '';
        } else if (d === '"' || d === "'") quote = d;
        else if (d === '[') depth++;
        else if (d === ']' && --depth === 0) break;
      }
      if (j >= text.length) fail(source, 'unterminated array');
      steps.push(parseBracket(text.slice(i + 1, j), source));
      i = j + 1;
    } else if (c === ' ') {
      i++;
    } else {
      const m = /^[^.[\s]+/.exec(text.slice(i));
      steps.push({ t: 'field', name: m?.[0] ?? '' });
      i += m?.[0].length ?? 1;
    }
  }
  return steps;
}

/** Parses a template; `source` names it in errors. */
export function parseJsonPath(template: string): JsonPath {
  const source = JSON.stringify(template);
  const root: Segment[] = [];
  const stack: { body: Segment[]; steps: Step[] }[] = [];
  let cur = root;
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      cur.push({ t: 'text', s: template.slice(i) });
      break;
    }
    if (open > i) cur.push({ t: 'text', s: template.slice(i, open) });
    const close = actionEnd(template, open + 1);
    if (close < 0) fail(source, 'unclosed action');
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      const top = stack.pop();
      if (top === undefined) fail(source, 'not in range, nothing to end');
      const body = cur;
      cur = top.body;
      cur.push({ t: 'range', steps: top.steps, body });
      continue;
    }
    if (action.startsWith('range ')) {
      stack.push({ body: cur, steps: parseSteps(action.slice(6).trim(), source) });
      cur = [];
      continue;
    }
    const lit = parseLiteral(action);
    if (typeof lit === 'string') cur.push({ t: 'text', s: lit });
    else cur.push({ t: 'path', steps: parseSteps(action, source) });
  }
  if (stack.length > 0) fail(source, 'unclosed range');
  return { source: template, segments: root };
}
