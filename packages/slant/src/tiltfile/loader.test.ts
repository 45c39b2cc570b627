import { describe, expect, test } from 'vitest';
import type { Program } from '@slant/starlark';
import { DIR, errorOf, runTiltfile } from './test-util.ts';

describe('loadTiltfile', () => {
  test('runs the main Tiltfile; print goes to the log', () => {
    const r = runTiltfile('print("hello", 1)\n');
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('hello 1\n');
    expect(r.configFiles).toEqual([`${DIR}/.tiltignore`, `${DIR}/Tiltfile`]);
  });

  test('reports a missing Tiltfile with Tilt’s text', () => {
    const r = runTiltfile('', { load: { mainPath: '/nope/Tiltfile' } });
    expect(errorOf(r)).toBe(
      "No Tiltfile found at paths '/nope/Tiltfile'. Check out https://docs.tilt.dev/tutorial.html",
    );
  });

  test('uses Tilt’s dialect (top-level for, while, set, global reassignment)', () => {
    const r = runTiltfile(
      'x = 1\nx = 2\nfor i in [1]:\n  x += i\nwhile x < 5:\n  x += 1\nprint(x, set([1]))\n',
    );
    expect(r.out).toBe('5 set([1])\n');
  });

  test('__file__ and __name__ of the main Tiltfile and of a loaded file', () => {
    const r = runTiltfile('load("lib/a.star", "f")\nprint(__file__, __name__)\nf()\n', {
      files: { 'lib/a.star': 'def f():\n  print(__file__, __name__)\n' },
    });
    expect(r.out).toBe(`${DIR}/Tiltfile __main__\n${DIR}/lib/a.star a.star\n`);
  });

  test('a run-time error gives the backtrace, its location and a code frame', () => {
    const r = runTiltfile('x = 1\n\ny = x + "a"\nz = 3\n');
    expect(r.error?.message).toBe(
      `Traceback (most recent call last):\n  ${DIR}/Tiltfile:3:7: in <toplevel>\nError: unknown binary op: int + string`,
    );
    expect(r.error?.frame).toBe(
      '  1 | x = 1\n  2 |\n> 3 | y = x + "a"\n    |       ^\n  4 | z = 3',
    );
  });

  test('a syntax error reads file:line:col: msg', () => {
    const r = runTiltfile('x = (\n');
    expect(errorOf(r)).toBe(`${DIR}/Tiltfile:2:1: got end of file, want primary expression`);
  });
});

describe('enabled resources in the result', () => {
  test('Tiltfile args name the enabled resources; unknown names fail the load', () => {
    const tf =
      'local_resource("a", cmd="true")\nlocal_resource("b", cmd="true", resource_deps=["a"])\nlocal_resource("c", cmd="true")\n';
    expect(runTiltfile(tf, { load: { args: ['b'] } }).enabledResources).toEqual(['a', 'b']);
    expect(runTiltfile(tf).enabledResources).toEqual(['a', 'b', 'c']);
    expect(errorOf(runTiltfile(tf, { load: { args: ['zz'] } }))).toBe(
      'You specified some resources that could not be found: "zz"\nIs this a typo? Existing resources in Tiltfile: "a", "b", "c"',
    );
  });
});

describe('program cache', () => {
  test('unchanged files are not compiled again; changed ones are', () => {
    const programCache = new Map<string, { source: string; program: Program }>();
    const files = { 'lib.star': 'x = 1\n' };
    const a = runTiltfile('load("lib.star", "x")\nprint(x)\n', { files, load: { programCache } });
    const libProgram = programCache.get(`${DIR}/lib.star`)?.program;
    const b = runTiltfile('load("lib.star", "x")\nprint(x + 1)\n', {
      files,
      load: { programCache },
    });
    expect([a.out, b.out]).toEqual(['1\n', '2\n']);
    expect(programCache.get(`${DIR}/lib.star`)?.program).toBe(libProgram);
    expect(programCache.get(`${DIR}/Tiltfile`)?.source).toBe(
      'load("lib.star", "x")\nprint(x + 1)\n',
    );
  });
});

describe('the configs FileWatch', () => {
  test('watches every config file, with the global ignores', () => {
    const r = runTiltfile('watch_settings(ignore="*.tmp")\nread_file("a.txt")\n', {
      files: { 'a.txt': '' },
      load: { watchConfigs: true },
    });
    expect(r.objects.find((o) => o.kind === 'FileWatch')).toEqual({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'FileWatch',
      metadata: {
        name: 'configs:(Tiltfile)',
        annotations: {
          'tilt.dev/resource': '(Tiltfile)',
          'tilt.dev/target-id': 'configs:(Tiltfile)',
        },
      },
      spec: {
        watchedPaths: [`${DIR}/.tiltignore`, `${DIR}/Tiltfile`, `${DIR}/a.txt`],
        ignores: [{ basePath: DIR, patterns: ['*.tmp'] }],
      },
    });
    const ci = runTiltfile('');
    expect(ci.objects.filter((o) => o.kind === 'FileWatch')).toEqual([]);
  });
});
