// Field selectors (`?fieldSelector=metadata.name=web`, `kubectl get --field-selector`): the
// fields a Kubernetes API server offers for every kind, metadata.name and metadata.namespace,
// with =, == and != terms joined by commas (all must hold).
import type { ApiObject } from '@slant/api';
import { badRequest } from './status.ts';

export interface FieldRequirement {
  readonly field: 'metadata.name' | 'metadata.namespace';
  readonly equal: boolean;
  readonly value: string;
}

const FIELDS = new Set(['metadata.name', 'metadata.namespace']);

/** Splits on unescaped commas; `\,`, `\=`, `\!` and `\\` stand for themselves. */
function terms(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) cur += s[i++]! + s[i]!;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function unescapeValue(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

export function parseFieldSelector(selector: string): FieldRequirement[] {
  if (selector.trim() === '') return [];
  return terms(selector).map((term) => {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term.trim());
    if (m === null) {
      throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    }
    const field = m[1]!;
    if (!FIELDS.has(field)) throw badRequest(`field label not supported: ${field}`);
    return {
      field: field as FieldRequirement['field'],
      equal: m[2] !== '!=',
      value: unescapeValue(m[3]!),
    };
  });
}

export function matchesFields(reqs: readonly FieldRequirement[], obj: ApiObject): boolean {
  return reqs.every((r) => {
    // Tilt's objects are cluster-scoped: their namespace is empty.
    const actual = r.field === 'metadata.name' ? obj.metadata.name : '';
    return (actual === r.value) === r.equal;
  });
}
