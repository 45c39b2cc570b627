import { describe, expect, test } from 'vitest';
import { createBuildContextFilter, createFileChangeFilter } from './filter.ts';
import { dockerPatternMatcher } from './pattern.ts';

const B = '/proj';
const m = (...patterns: string[]) => dockerPatternMatcher(B, patterns)!;

describe('dockerignore patterns', () => {
  test('a name matches it and everything below it', () => {
    const x = m('node_modules');
    expect(x.matches(`${B}/node_modules/foo/bar`)).toBe(true);
    expect(x.matchesEntireDir(`${B}/node_modules`)).toBe(true);
    expect(x.matches(`${B}/foo/bar`)).toBe(false);
    expect(x.matches('node_modules/x')).toBe(true);
  });

  test('* and ? stay within a segment; ** spans segments', () => {
    expect(m('*/temp*').matches(`${B}/somedir/temporary.txt`)).toBe(true);
    expect(m('temp?').matches(`${B}/tempa`)).toBe(true);
    expect(m('temp?').matches(`${B}/tempeh`)).toBe(false);
    const dd = m('**/temp*');
    expect(dd.matches(`${B}/a/b/c/temporary.txt`)).toBe(true);
    expect(dd.matches('/a/b/temporary.txt')).toBe(false);
    const inner = m('a/**/temp*');
    expect(inner.matches(`${B}/a/temporary.txt`)).toBe(true);
    expect(inner.matches(`${B}/b/c/temporary.txt`)).toBe(false);
    const up = m('../**/b');
    expect(up.matches(`${B}/a/b/c/d/t.txt`)).toBe(true);
    expect(up.matches(`${B}/a/b2/c/t.txt`)).toBe(false);
    expect(m('.*').matches(`${B}/.git/config`)).toBe(true);
  });

  test('exceptions re-include, and keep directories from being skipped whole', () => {
    const x = m('docs', '!docs/README.md');
    expect(x.matches(`${B}/docs/stuff.md`)).toBe(true);
    expect(x.matches(`${B}/docs/README.md`)).toBe(false);
    expect(x.matchesEntireDir(`${B}/docs`)).toBe(false);
    const nested = m('a', '!a/b', 'a/b/c');
    expect(nested.matchesEntireDir(`${B}/a`)).toBe(false);
    expect(nested.matchesEntireDir(`${B}/a/b/c`)).toBe(true);
    const go = m('*', '!pkg/**/*.go', '!go.mod');
    expect(go.matches(`${B}/pkg/internal/hello.txt`)).toBe(true);
    expect(go.matches(`${B}/pkg/internal/module/hello.go`)).toBe(false);
    expect(go.matchesEntireDir(`${B}/pkg/internal`)).toBe(false);
  });

  test('only= patterns: everything but the listed paths', () => {
    const only = m('**', '!src', '!Dockerfile');
    expect(only.matches(`${B}/README.md`)).toBe(true);
    expect(only.matches(`${B}/src/main.go`)).toBe(false);
    expect(only.matches(`${B}/Dockerfile`)).toBe(false);
  });

  test('a malformed character class drops the pattern set', () => {
    expect(dockerPatternMatcher(B, ['[a'])).toBeUndefined();
  });
});

describe('ignore filters', () => {
  test('an IgnoreDef without patterns ignores its whole directory', () => {
    const f = createBuildContextFilter([
      { basePath: `${B}/.git` },
      { basePath: B, patterns: ['**/*.a', 'foo/bar.d'] },
    ]);
    expect(f.matches(`${B}/.git/HEAD`)).toBe(true);
    expect(f.matchesEntireDir(`${B}/.git`)).toBe(true);
    expect(f.matches(`${B}/foo/baz/bar.a`)).toBe(true);
    expect(f.matches(`${B}/foo/bar.d`)).toBe(true);
    expect(f.matches(`${B}/foo/bar.b`)).toBe(false);
  });

  test('file watches also skip editors’ temporary files', () => {
    const f = createFileChangeFilter([]);
    for (const p of [
      'a/.main.go.swp',
      'a/main.go~',
      'a/.#main.go',
      'x/4913',
      '.idea/workspace.xml',
    ]) {
      expect(f.matches(`${B}/${p}`)).toBe(true);
    }
    expect(f.matches(`${B}/main.go`)).toBe(false);
    expect(createBuildContextFilter([]).matches(`${B}/main.go~`)).toBe(false);
  });
});
