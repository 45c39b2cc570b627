// Go RE2 patterns as JS regular expressions. The patterns in test files and in assert.fails are
// plain enough that JS syntax mostly agrees; this translates the few RE2 spellings that differ
// (leading flag groups, \z, \A, POSIX classes) and reports a pattern JS cannot compile.

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  lower: 'a-z',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '0-9A-Za-z_',
};

/** Compiles a Go regexp for an unanchored search; returns an error message when it cannot. */
export function compileGoRegexp(pattern: string): RegExp | string {
  let flags = '';
  let body = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    for (const f of lead[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
    body = body.slice(lead[0].length);
  }
  body = body
    .replaceAll('\\z', '$(?![\\s\\S])')
    .replaceAll('\\A', '^')
    .replace(/\[:(\w+):\]/g, (m, name: string) => POSIX_CLASSES[name] ?? m);
  try {
    return new RegExp(body, flags);
  } catch (e) {
    return `error parsing regexp: ${(e as Error).message}`;
  }
}

/** Go's regexp.MatchString: an unanchored search. Throws on a bad pattern. */
export function goMatches(pattern: string, text: string): boolean {
  const re = compileGoRegexp(pattern);
  if (typeof re === 'string') throw new Error(re);
  return re.test(text);
}
