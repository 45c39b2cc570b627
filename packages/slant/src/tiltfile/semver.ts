// Semantic versions and ranges as blang/semver (v3) reads them, for version_settings(constraint=):
// ranges like ">=0.22.2", ">1.0.0 <2.0.0 || >=3.0.0", "1.2.x", with blang's error texts.

export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Prerelease identifiers (numbers for numeric ones). */
  readonly pre: readonly (string | number)[];
}

function numberPart(s: string, what: string): number {
  if (!/^\d+$/.test(s))
    throw new Error(`Invalid character(s) found in ${what} number ${JSON.stringify(s)}`);
  if (s.length > 1 && s.startsWith('0')) {
    const cap = what[0]!.toUpperCase() + what.slice(1);
    throw new Error(`${cap} number must not contain leading zeroes ${JSON.stringify(s)}`);
  }
  return Number(s);
}

/** semver.Parse. */
export function parseSemVer(s: string): SemVer {
  if (s === '') throw new Error('Version string empty');
  const parts = s.split('.');
  if (parts.length < 3) throw new Error('No Major.Minor.Patch elements found');
  const major = numberPart(parts[0]!, 'major');
  const minor = numberPart(parts[1]!, 'minor');
  let rest = parts.slice(2).join('.');
  const plus = rest.indexOf('+');
  if (plus >= 0) {
    const build = rest.slice(plus + 1);
    if (build === '') throw new Error('Build meta data is empty');
    rest = rest.slice(0, plus);
  }
  const dash = rest.indexOf('-');
  const patch = numberPart(dash >= 0 ? rest.slice(0, dash) : rest, 'patch');
  const pre: (string | number)[] = [];
  if (dash >= 0) {
    for (const p of rest.slice(dash + 1).split('.')) {
      if (p === '') throw new Error('Prerelease is empty');
      if (/^\d+$/.test(p)) {
        if (p.length > 1 && p.startsWith('0')) {
          throw new Error(
            `Numeric PreRelease version must not contain leading zeroes ${JSON.stringify(p)}`,
          );
        }
        pre.push(Number(p));
      } else if (/^[0-9A-Za-z-]+$/.test(p)) pre.push(p);
      else throw new Error(`Invalid character(s) found in prerelease ${JSON.stringify(p)}`);
    }
  }
  return { major, minor, patch, pre };
}

export function compareSemVer(a: SemVer, b: SemVer): number {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (d !== 0) return Math.sign(d);
  if (a.pre.length === 0 || b.pre.length === 0)
    return b.pre.length - a.pre.length === 0 ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return Math.sign(x - y);
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

const COMPARATORS: Readonly<Record<string, (c: number) => boolean>> = {
  '': (c) => c === 0,
  '=': (c) => c === 0,
  '==': (c) => c === 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '!': (c) => c !== 0,
  '!=': (c) => c !== 0,
};

/** blang's splitAndTrim: split on spaces, except after an operator character. */
function splitAndTrim(s: string): string[] {
  const out: string[] = [];
  let last = 0;
  let lastChar = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ' ' && !'><='.includes(lastChar === '' ? '_' : lastChar)) {
      if (last < i - 1) out.push(s.slice(last, i));
      last = i + 1;
    } else if (s[i] !== ' ') lastChar = s[i]!;
  }
  if (last < s.length - 1) out.push(s.slice(last));
  return out.map((p) => p.replaceAll(' ', ''));
}

function splitComparator(s: string): [string, string] {
  const i = s.search(/\d/);
  if (i < 0) throw new Error(`Could not get version from string: ${JSON.stringify(s)}`);
  return [s.slice(0, i).trim(), s.slice(i)];
}

function bump(v: string, idx: number): string {
  const parts = v.split('.');
  parts[idx] = String(Number(parts[idx]) + 1);
  return parts.join('.');
}

/** blang's expandWildcardVersion for one comparator with an 'x'. */
function expandWildcard(ap: string): string[] {
  const [op, v] = splitComparator(ap);
  const parts = v.split('.');
  const kind =
    parts[parts.length - 1] === 'x'
      ? parts.length === 3
        ? 'patch'
        : parts.length === 2
          ? 'minor'
          : 'none'
      : 'none';
  let flat = v.replace('.x.x', '.x').replace('.x', '.0');
  if (flat.split('.').length === 2) flat += '.0';
  const incremented = () =>
    kind === 'patch' ? bump(flat, 1) : kind === 'minor' ? bump(flat, 0) : '';
  switch (op) {
    case '>':
      return [`>=${incremented()}`];
    case '>=':
      return [`>=${flat}`];
    case '<':
      return [`<${flat}`];
    case '<=':
      return [`<${incremented()}`];
    case '':
    case '=':
    case '==':
      return [`>=${flat}`, `<${incremented()}`];
    case '!=':
    case '!':
      return [`<${flat}`, `>=${incremented()}`];
    default:
      return [`${flat}`];
  }
}

/** semver.ParseRange: a predicate on versions; throws with blang's texts. */
export function parseSemVerRange(s: string): (v: SemVer) => boolean {
  const parts = splitAndTrim(s);
  const ors: string[][] = [];
  let last = 0;
  parts.forEach((p, i) => {
    if (p !== '||') return;
    if (i === 0) throw new Error("First element in range is '||'");
    ors.push(parts.slice(last, i));
    last = i + 1;
  });
  if (last === parts.length) throw new Error("Last element in range is '||'");
  ors.push(parts.slice(last));
  const alternatives = ors.map((and) =>
    and
      .flatMap((ap) => (ap.includes('x') ? expandWildcard(ap) : [ap]))
      .map((ap) => {
        const [op, vs] = splitComparator(ap);
        const cmp = COMPARATORS[op];
        let v: SemVer;
        try {
          if (cmp === undefined) {
            throw new Error(
              `Could not parse comparator ${JSON.stringify(op)} in ${JSON.stringify(op + vs)}`,
            );
          }
          try {
            v = parseSemVer(vs);
          } catch (e) {
            throw new Error(
              `Could not parse version ${JSON.stringify(vs)} in ${JSON.stringify(op + vs)}: ${(e as Error).message}`,
            );
          }
        } catch (e) {
          throw new Error(`Could not parse Range ${JSON.stringify(ap)}: ${(e as Error).message}`);
        }
        return (x: SemVer) => cmp(compareSemVer(x, v));
      }),
  );
  return (x) => alternatives.some((and) => and.every((f) => f(x)));
}
