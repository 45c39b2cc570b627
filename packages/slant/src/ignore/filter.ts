// Which files leave a build context or a file watch (Tilt's internal/ignore): one matcher per
// IgnoreDef (a whole directory when it has no patterns, else its dockerignore patterns), plus
// editors' temporary files for file watches.
import type { IgnoreDef } from '@slant/api';
import { dockerPatternMatcher, isChild, type PathMatcher } from './pattern.ts';

function directoryMatcher(dir: string): PathMatcher {
  return { matches: (p) => isChild(dir, p), matchesEntireDir: (p) => isChild(dir, p) };
}

function composite(matchers: readonly PathMatcher[]): PathMatcher {
  return {
    matches: (p) => matchers.some((m) => m.matches(p)),
    matchesEntireDir: (p) => matchers.some((m) => m.matchesEntireDir(p)),
  };
}

/** ToMatchersBestEffort: a malformed pattern set is dropped rather than failing. */
export function toMatchers(ignores: readonly IgnoreDef[]): PathMatcher[] {
  const out: PathMatcher[] = [];
  for (const def of ignores) {
    if ((def.patterns ?? []).length > 0) {
      const m = dockerPatternMatcher(def.basePath, def.patterns ?? []);
      if (m !== undefined) out.push(m);
    } else {
      out.push(directoryMatcher(def.basePath));
    }
  }
  return out;
}

/** Files of editors and tools that come and go while saving (GoLand, Emacs, Vim, Kate, Go). */
export const EPHEMERAL_PATTERNS: readonly string[] = [
  '**/*___jb_old___',
  '**/*___jb_tmp___',
  '**/.idea/**',
  '**/.#*',
  '**/#*#',
  '**/flymake_*.*',
  '**/4913',
  '**/*~',
  '**/.*.swp',
  '**/.*.swx',
  '**/.*.swo',
  '**/.*.swn',
  '**/.*.kate-swp',
  '**/*-go-tmp-umask',
];

const EPHEMERAL = dockerPatternMatcher('/', EPHEMERAL_PATTERNS)!;

/** What a docker build leaves out of its context. */
export function createBuildContextFilter(ignores: readonly IgnoreDef[]): PathMatcher {
  return composite(toMatchers(ignores));
}

/** What a file watch does not report: the ignores plus editors' temporary files. */
export function createFileChangeFilter(ignores: readonly IgnoreDef[]): PathMatcher {
  return composite([...toMatchers(ignores), EPHEMERAL]);
}
