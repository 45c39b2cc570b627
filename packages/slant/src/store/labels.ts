// Label selectors: the structured form (LabelSelector) and the string form of `?labelSelector=`
// (`app=web,tier!=db,env in (dev,ci),!legacy,owner`), both reduced to one list of requirements.
import type { LabelSelector, LabelSelectorRequirement } from '@slant/api';

export type Requirement = LabelSelectorRequirement;

/** Requirements of a structured selector; matchLabels become `In` with one value. */
export function requirementsOf(sel: LabelSelector): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) {
    reqs.push({ key, operator: 'In', values: [value] });
  }
  reqs.push(...(sel.matchExpressions ?? []));
  return reqs;
}

/** Whether labels satisfy every requirement (an empty list matches everything). */
export function matchesRequirements(
  reqs: readonly Requirement[],
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const value = l[r.key];
    switch (r.operator) {
      case 'In':
        return has && value !== undefined && (r.values ?? []).includes(value);
      case 'NotIn':
        return !has || value === undefined || !(r.values ?? []).includes(value);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
    return false;
  });
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

const SET_TERM = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^()]*)\)$/;
const EQ_TERM = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/;
const KEY_TERM = /^(!?)\s*([^\s!=(),]+)$/;

/** Parses the string form; throws Error with a message naming the bad term. */
export function parseLabelSelector(s: string): Requirement[] {
  return splitTerms(s).map((term) => {
    let m = SET_TERM.exec(term);
    if (m !== null) {
      const values = m[3]!
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      return { key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values };
    }
    m = EQ_TERM.exec(term);
    if (m !== null) {
      return { key: m[1]!, operator: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]!] };
    }
    m = KEY_TERM.exec(term);
    if (m !== null) return { key: m[2]!, operator: m[1] === '!' ? 'DoesNotExist' : 'Exists' };
    throw new Error(`unable to parse requirement: "${term}"`);
  });
}
