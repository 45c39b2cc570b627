// Go's path/filepath functions on POSIX paths (Clean, Join, Base, Dir, Rel), because Tilt's
// builtins return exactly what they return (Node's path module differs on trailing slashes,
// empty strings and relative bases).

/** filepath.Clean: the shortest equivalent path, no trailing slash, '.' for empty. */
// A `.` or `..` element, a doubled slash or a trailing one: what Clean changes.
const UNCLEAN = /(?:^|\/)\.\.?(?:\/|$)|\/\/|.\/$/;

export function goClean(p: string): string {
  if (p === '') return '.';
  if (!UNCLEAN.test(p)) return p;
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const s = out.join('/');
  return rooted ? `/${s}` : s === '' ? '.' : s;
}

/** filepath.Join: the non-empty elements joined and cleaned; '' when all are empty. */
export function goJoin(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length === 0 ? '' : goClean(nonEmpty.join('/'));
}

/** filepath.Base: the last element, trailing slashes removed; '.' for '', '/' for '/'. */
export function goBase(p: string): string {
  if (p === '') return '.';
  const s = p.replace(/\/+$/, '');
  if (s === '') return '/';
  return s.slice(s.lastIndexOf('/') + 1);
}

/** filepath.Dir: all but the last element, cleaned. */
export function goDir(p: string): string {
  return goClean(p.slice(0, p.lastIndexOf('/') + 1));
}

export function goIsAbs(p: string): boolean {
  return p.startsWith('/');
}

/** filepath.Rel; throws Go's error when targ can't be made relative to base. */
export function goRel(basepath: string, targpath: string): string {
  const base = goClean(basepath);
  const targ = goClean(targpath);
  if (targ === base) return '.';
  const fail = () => new Error(`Rel: can't make ${targpath} relative to ${basepath}`);
  if (goIsAbs(base) !== goIsAbs(targ)) throw fail();
  const bs = base === '.' ? [] : base.split('/').filter((x) => x !== '');
  const ts = targ === '.' ? [] : targ.split('/').filter((x) => x !== '');
  let i = 0;
  while (i < bs.length && i < ts.length && bs[i] === ts[i]) i++;
  const rest = bs.slice(i);
  if (rest.includes('..')) throw fail();
  return [...rest.map(() => '..'), ...ts.slice(i)].join('/') || '.';
}
