// The part of Kubernetes JSONPath that image locators use (k8s_kind(image_json_path=...),
// image_object): `{.a.b}`, `{.a[*].b}`, `{.a[]}`, `{.a[0]}`, `{.a[1:3]}`, `{.a['k.y']}`,
// `{.a.*}`, `{..image}`. Matches can be written back, as Tilt's fork of the package allows.

type Step =
  | { readonly type: 'field'; readonly name: string }
  | {
      readonly type: 'index';
      readonly start?: number;
      readonly end?: number;
      readonly single: boolean;
    }
  | { readonly type: 'wildcard' }
  | { readonly type: 'recursive' }
  // A bare word (Kubernetes' range/end keywords or a typo): parsed, fails when evaluated.
  | { readonly type: 'identifier'; readonly name: string };

/** One matched value and where it lives, so it can be replaced. */
export interface JSONPathMatch {
  readonly value: unknown;
  readonly parent: Record<string, unknown> | unknown[] | undefined;
  readonly key: string | number | undefined;
}

export interface JSONPath {
  readonly path: string;
  readonly steps: readonly Step[];
}

const FIELD_CHAR = /[A-Za-z0-9_\-/$]/;

function parseBracket(inner: string): Step {
  const t = inner.trim();
  if (t === '' || t === '*') return { type: 'index', single: false };
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(t);
  if (quoted !== null) return { type: 'field', name: quoted[1] ?? quoted[2] ?? '' };
  const parts = t.split(':');
  if (parts.length > 3) throw new Error(`invalid array index ${t}`);
  const nums = parts.map((p) => {
    const s = p.trim();
    if (s === '') return undefined;
    if (!/^-?\d+$/.test(s)) throw new Error(`array index ${s} is not a number`);
    return Number(s);
  });
  if (parts.length === 1) {
    const i = nums[0] ?? 0;
    // `[-1]` runs to the end of the list.
    return i === -1
      ? { type: 'index', start: i, single: true }
      : { type: 'index', start: i, end: i + 1, single: true };
  }
  const step: { type: 'index'; single: boolean; start?: number; end?: number } = {
    type: 'index',
    single: false,
  };
  if (nums[0] !== undefined) step.start = nums[0];
  if (nums[1] !== undefined) step.end = nums[1];
  return step;
}

/** Parses `{...}`; throws the Kubernetes parser's messages for malformed paths. */
export function parseJSONPath(path: string): JSONPath {
  const t = path.trim();
  if (!t.startsWith('{')) {
    throw new Error(
      `unsupported JSONPath ${JSON.stringify(path)}: expected a path in braces, like {.spec.image}`,
    );
  }
  if (!t.endsWith('}')) throw new Error('unclosed action');
  const body = t.slice(1, -1).trim();
  const steps: Step[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === '.') {
      if (body[i + 1] === '.') {
        steps.push({ type: 'recursive' });
        // `..name` is the recursive step followed by a field.
        i += 1;
      }
      i++;
      if (body[i] === '*') {
        steps.push({ type: 'wildcard' });
        i++;
        continue;
      }
      let j = i;
      while (j < body.length && FIELD_CHAR.test(body[j] ?? '')) j++;
      if (j > i) steps.push({ type: 'field', name: body.slice(i, j) });
      i = j;
    } else if (c === '[') {
      const close = body.indexOf(']', i);
      if (close < 0) throw new Error('unterminated array');
      steps.push(parseBracket(body.slice(i + 1, close)));
      i = close + 1;
    } else if (c === '@' || c === '$' || c === ' ') {
      i++;
    } else if (c !== undefined && /[\p{L}_]/u.test(c)) {
      let j = i;
      while (j < body.length && !/[\s.,[\]$@{}]/.test(body[j] ?? '')) j++;
      steps.push({ type: 'identifier', name: body.slice(i, j) });
      i = j;
    } else {
      throw new Error(`unrecognized character in action: ${goRune(c ?? '')}`);
    }
  }
  return { path, steps };
}

function goRune(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

/** Go's %T of a decoded JSON value, for error texts. */
export function goType(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function children(m: JSONPathMatch): JSONPathMatch[] {
  const v = m.value;
  if (Array.isArray(v)) return v.map((value, key) => ({ value, parent: v, key }));
  if (isMap(v)) return Object.entries(v).map(([key, value]) => ({ value, parent: v, key }));
  return [];
}

function descendants(m: JSONPathMatch): JSONPathMatch[] {
  return [m, ...children(m).flatMap(descendants)];
}

function evalStep(input: JSONPathMatch[], step: Step): JSONPathMatch[] {
  switch (step.type) {
    case 'identifier':
      throw new Error(`unrecognized identifier ${step.name}`);
    case 'recursive':
      return input.flatMap(descendants);
    case 'wildcard':
      return input.flatMap(children);
    case 'field': {
      if (input.length === 0) return [];
      const out: JSONPathMatch[] = [];
      for (const m of input) {
        if (isMap(m.value) && step.name in m.value) {
          out.push({ value: m.value[step.name], parent: m.value, key: step.name });
        }
      }
      if (out.length === 0) throw new Error(`${step.name} is not found`);
      return out;
    }
    case 'index': {
      const out: JSONPathMatch[] = [];
      for (const m of input) {
        const v = m.value;
        if (v === null || v === undefined) continue;
        if (!Array.isArray(v)) throw new Error(`${goType(v)} is not array or slice`);
        let start = step.start ?? 0;
        let end = step.end ?? v.length;
        if (start < 0) start += v.length;
        if (end < 0) end += v.length;
        if (start === end) continue;
        if (start >= v.length || start < 0) {
          throw new Error(`array index out of bounds: index ${start}, length ${v.length}`);
        }
        if (end > v.length || end < 0) {
          throw new Error(`array index out of bounds: index ${end - 1}, length ${v.length}`);
        }
        for (let i = start; i < end; i++) out.push({ value: v[i], parent: v, key: i });
      }
      return out;
    }
  }
}

/** All matches of `jp` in `obj`; errors are wrapped as Tilt wraps them. */
export function findMatches(jp: JSONPath, obj: unknown): JSONPathMatch[] {
  let cur: JSONPathMatch[] = [{ value: obj, parent: undefined, key: undefined }];
  try {
    for (const step of jp.steps) cur = evalStep(cur, step);
  } catch (err) {
    throw new Error(`Matching (json_path=${JSON.stringify(jp.path)}): ${(err as Error).message}`);
  }
  return cur;
}

/** Replaces a match's value in its parent. */
export function setMatch(m: JSONPathMatch, value: unknown): void {
  if (m.parent === undefined || m.key === undefined) return;
  if (Array.isArray(m.parent)) m.parent[m.key as number] = value;
  else m.parent[m.key as string] = value;
}

/** Strings at the path; any other value there is an error. */
export function findStringMatches(jp: JSONPath, obj: unknown): JSONPathMatch[] {
  const matches = findMatches(jp, obj);
  for (const m of matches) {
    if (typeof m.value !== 'string') {
      throw new Error(
        `May only match strings (json_path=${JSON.stringify(jp.path)})\nGot Type: ${goType(m.value)}\nGot Value: ${goValue(m.value)}`,
      );
    }
  }
  return matches;
}

export function findStrings(jp: JSONPath, obj: unknown): string[] {
  return findStringMatches(jp, obj).map((m) => m.value as string);
}

/** Go's %s of a decoded JSON value, for error texts. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return `%!s(${goType(v)}=${v})`;
  if (typeof v === 'boolean') return `%!s(bool=${v})`;
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `map[${entries.map(([k, x]) => `${k}:${goValue(x)}`).join(' ')}]`;
}
