// Dockerignore pattern matching as Tilt does it (tilt-dev/dockerignore, a fork of Docker's
// fileutils matcher): patterns are made absolute against a base directory; `*` and `?` stay within
// one path segment, `**` spans segments, a pattern also matches everything below what it names,
// and later `!` exceptions re-include paths. Paths are absolute POSIX paths.
import { posix } from 'node:path';

// Characters that are literal in patterns but special in regular expressions.
const ESCAPE = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

interface Pattern {
  readonly cleaned: string;
  readonly exclusion: boolean;
  readonly regexp: RegExp;
}

// Go's filepath.Clean.
function clean(p: string): string {
  if (p === '') return '.';
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

// Go's filepath.Match rejects malformed character classes; such patterns make the matcher fail.
function validClasses(p: string): boolean {
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end < 0) return false;
      i = end + 1;
      continue;
    }
    if (c === ']') return false;
    i++;
  }
  return true;
}

function compile(pattern: string): RegExp {
  let re = '^';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        // `**/` is the same as `**`.
        if (chars[i + 1] === '/') i++;
        re += i + 1 >= chars.length ? '.*' : '(.*/)?';
      } else {
        re += '[^/]*';
      }
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ESCAPE.has(ch)) {
      re += `\\${ch}`;
    } else if (ch === '\\') {
      re += i + 1 < chars.length ? `\\${chars[++i]}` : '\\\\';
    } else {
      re += ch;
    }
  }
  // A pattern naming a directory matches everything under it.
  return new RegExp(`${re}(/.*)?$`);
}

export interface PathMatcher {
  /** Whether the path (absolute) is ignored. */
  matches(path: string): boolean;
  /** Whether everything under the directory is ignored (a watcher may skip it entirely). */
  matchesEntireDir(path: string): boolean;
}

/** ospath.IsChild: the path itself or anything below it. */
export function isChild(parent: string, child: string): boolean {
  if (child === parent) return true;
  return child.startsWith(parent.endsWith('/') ? parent : `${parent}/`);
}

// The part of a pattern before its first wildcard segment ('.' if the first one is).
function definitePrefix(p: string): string {
  if (!p.includes('*')) return p;
  const parts = p.split('/');
  const i = parts.findIndex((part) => part.includes('*'));
  return i === 0 ? '.' : parts.slice(0, i).join('/');
}

/**
 * NewDockerPatternMatcher: patterns relative to basePath (or absolute). Returns undefined when a
 * pattern is malformed (Tilt then drops the whole set: "best effort").
 */
export function dockerPatternMatcher(
  basePath: string,
  patterns: readonly string[],
): PathMatcher | undefined {
  const compiled: Pattern[] = [];
  for (const raw of patterns) {
    let p = raw.trim();
    if (p === '') continue;
    p = clean(p);
    const exclusion = p.startsWith('!');
    let path = exclusion ? p.slice(1) : p;
    if (!path.startsWith('/')) path = posix.join(basePath, path);
    // The matcher cleans again (after making the pattern absolute).
    path = clean(path);
    if (!validClasses(path)) return undefined;
    let regexp: RegExp;
    try {
      regexp = compile(path);
    } catch {
      return undefined;
    }
    compiled.push({ cleaned: path, exclusion, regexp });
  }
  const hasExclusions = compiled.some((p) => p.exclusion);
  const matches = (file: string): boolean => {
    const f = file.startsWith('/') ? file : posix.join(basePath, file);
    let matched = false;
    for (const p of compiled) if (p.regexp.test(f)) matched = !p.exclusion;
    return matched;
  };
  return {
    matches,
    matchesEntireDir: (dir) => {
      if (!matches(dir)) return false;
      if (!hasExclusions) return true;
      // An exception under the directory (or one that could be) keeps it from being skipped.
      for (const p of compiled) {
        if (!p.exclusion) continue;
        if (isChild(dir, p.cleaned)) return false;
        const prefix = definitePrefix(p.cleaned);
        if (prefix !== p.cleaned && isChild(prefix, dir)) return false;
      }
      return true;
    },
  };
}
