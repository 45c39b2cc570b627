import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatReport, runFiles, totals } from './conformance-runner.ts';

const root = mkdtempSync(join(tmpdir(), 'slant-conformance-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * Writes a test file under root/<dir>/testdata and returns its path; "pkg" stands for Slant's
 * own testdata (a package.json above it), other names for starlark-go's directories.
 */
function testfile(dir: string, name: string, text: string): string {
  mkdirSync(join(root, dir, 'testdata'), { recursive: true });
  if (dir === 'pkg') writeFileSync(join(root, dir, 'package.json'), '{}');
  const path = join(root, dir, 'testdata', name);
  writeFileSync(path, text);
  return path;
}

function failures(path: string): string[] {
  const [r] = runFiles([path], new Map());
  return r!.chunks.flatMap((c) => c.failures).map((f) => f.replace(`${root}/`, ''));
}

describe('conformance runner, exec driver', () => {
  it('passes chunks whose errors match and whose assertions hold', () => {
    const path = testfile(
      'starlark',
      'ok.star',
      'load("assert.star", "assert")\nassert.eq(1 + 1, 2)\n---\nx = 1 // 0 ### "division by zero"\n',
    );
    const results = runFiles([path], new Map());
    expect(totals(results)).toEqual({ passed: 2, failed: 0, skipped: 0 });
  });

  it('reports a failed assertion at the line of the test file and keeps running', () => {
    const path = testfile(
      'starlark',
      'asserts.star',
      'load("assert.star", "assert")\nassert.eq(1, 2)\nassert.true(False, "second")\nassert.fails(lambda: 1, "x")\n',
    );
    expect(failures(path)).toEqual([
      'starlark/testdata/asserts.star:2: assertion failed: Error: 1 != 2',
      'starlark/testdata/asserts.star:3: assertion failed: Error: second',
      'starlark/testdata/asserts.star:4: assertion failed: Error: evaluation succeeded unexpectedly (want error matching "x")',
    ]);
  });

  it('reports unexpected, mismatched and missing errors', () => {
    const path = testfile(
      'starlark',
      'errors.star',
      'x = 1 // 0\n---\nx = 1 // 0 ### "modulo"\n---\nx = 1 ### "never"\n',
    );
    expect(failures(path)).toEqual([
      'starlark/testdata/errors.star:1: unexpected error: floored division by zero',
      'starlark/testdata/errors.star:3: error "floored division by zero" does not match pattern "modulo"',
      'starlark/testdata/errors.star:5: expected error matching "never"',
    ]);
  });

  it('reports a run-time error at the innermost frame in the test file', () => {
    const path = testfile(
      'starlark',
      'frames.star',
      'def f(x):\n    return x[1] ### "index 1 out of range"\nf([0])\n',
    );
    expect(failures(path)).toEqual([]);
  });

  it('fails on a static error in starlark-go testdata, but matches it in Slant testdata', () => {
    const theirs = testfile('starlark', 'static.star', 'x = ### "got newline"\n');
    expect(failures(theirs)).toEqual([
      'starlark/testdata/static.star:1:22: got newline, want primary expression',
      'starlark/testdata/static.star:1: expected error matching "got newline"',
    ]);
    const ours = testfile('pkg', 'static.star', 'x = ### "got newline"\n');
    expect(failures(ours)).toEqual([]);
  });

  it('runs chunks in the dialect their option: comments ask for', () => {
    const path = testfile(
      'pkg',
      'options.star',
      'x = set() ### "dialect does not support set"\n---\n# option:set\nx = set()\n',
    );
    expect(failures(path)).toEqual([]);
  });

  it('gives assert.star the API of starlark-go: dir(assert), freeze, no exported matches', () => {
    const path = testfile(
      'starlark',
      'api.star',
      [
        'load("assert.star", "assert", "freeze")',
        'assert.eq(dir(assert), ["contains", "eq", "fail", "fails", "lt", "ne", "true"])',
        "assert.eq(str(freeze), '<built-in function freeze>')",
        'assert.eq(str(assert), \'<module "assert">\')',
        'assert.eq(0.1 + 0.2, 0.30000000000000004)',
        'assert.fails(lambda: freeze([])[0], "index 0 out of range")',
        '---',
        'load("assert.star", "matches") ### "load: name matches not found in module assert.star"',
      ].join('\n'),
    );
    expect(failures(path)).toEqual([]);
  });
});

describe('conformance runner, parse and resolve drivers', () => {
  it('parse-only files report the first syntax error of each chunk', () => {
    const path = testfile('syntax', 'p.star', 'x = (1 ### "got newline"\n---\nx = 1 // 0\n');
    expect(failures(path)).toEqual([
      'syntax/testdata/p.star:1: error "got end of file, want \')\'" does not match pattern "got newline"',
    ]);
  });

  it('resolve-only files report every error, with M predeclared and U universal', () => {
    const path = testfile(
      'resolve',
      'r.star',
      'M\nU\nfloat\nx ### "undefined: x"\ny ### "undefined: y"\n',
    );
    expect(failures(path)).toEqual([]);
  });
});

describe('formatReport', () => {
  it('prints a line per file, the failures, skipped files and the totals', () => {
    const ok = testfile('starlark', 'fine.star', 'x = 1\n');
    const skipped = testfile('starlark', 'proto.star', '');
    const bad = testfile('starlark', 'bad.star', 'x = 1 // 0\n');
    const text = formatReport(runFiles([ok, skipped, bad], new Map())).replaceAll(`${root}/`, '');
    expect(text).toBe(
      [
        'starlark/testdata/fine.star: 1/1 chunks passed',
        'starlark/testdata/proto.star: skipped (the proto module is not implemented (needs protobuf descriptors; not in Tilt))',
        'starlark/testdata/bad.star: 0/1 chunks passed',
        '  chunk at line 1:',
        '    starlark/testdata/bad.star:1: unexpected error: floored division by zero',
        'total: 1 passed, 1 failed, 1 files skipped (3 files)',
      ].join('\n'),
    );
  });
});
