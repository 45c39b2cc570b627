import { describe, expect, test } from 'vitest';
import { repr, StarThread } from '@slant/starlark';
import { fakeHost } from './host-fake.ts';
import { buildPredeclared, TiltModule } from './registry.ts';
import { TiltfileRun } from './run.ts';

const run = () => new TiltfileRun(fakeHost(), { mainPath: '/p/Tiltfile' });

describe('buildPredeclared', () => {
  test('dotted names build nested modules named by their full path', () => {
    const m = buildPredeclared(
      [
        { name: 'a.b.f', fn: () => 1 },
        { name: 'a.g', fn: () => 2 },
        { name: 'a.b.v', value: () => 'x' },
        { name: 'top', fn: () => 3 },
      ],
      run(),
    );
    const a = m.get('a') as TiltModule;
    expect(repr(a)).toBe('[module: a]');
    const b = a.attr('b') as TiltModule;
    expect(repr(b)).toBe('[module: a.b]');
    expect(b.attrNames()).toEqual(['f', 'v']);
    expect(b.attr('v')).toBe('x');
    expect(repr(b.attr('f')!)).toBe('<built-in function a.b.f>');
    expect([...m.keys()]).toEqual(['a', 'top']);
  });

  test('builtins receive the run and the thread', () => {
    const r = run();
    let seen: unknown;
    const f = (rr: TiltfileRun, _t: unknown, args: readonly unknown[]) => {
      seen = rr;
      return args.length;
    };
    const m = buildPredeclared([{ name: 'f', fn: f }], r);
    const thread = new StarThread();
    expect(thread.call(m.get('f')!, [1, 2], null)).toBe(2);
    expect(seen).toBe(r);
  });

  test('with recordBuiltinCalls, each call is recorded with its arguments, failures too', () => {
    const r = new TiltfileRun(fakeHost(), { mainPath: '/p/Tiltfile', recordBuiltinCalls: true });
    const m = buildPredeclared(
      [
        { name: 'ok', fn: () => 1 },
        {
          name: 'bad',
          fn: () => {
            throw new Error('no');
          },
        },
      ],
      r,
    );
    const thread = new StarThread();
    thread.call(m.get('ok')!, ['a', 1], null);
    expect(() => thread.call(m.get('bad')!, [], null)).toThrow('no');
    expect(r.builtinCalls?.map((c) => [c.name, c.args])).toEqual([
      ['ok', '("a", 1)'],
      ['bad', '()'],
    ]);
    expect(run().builtinCalls).toBeUndefined();
  });

  test('a name defined twice, or a module over a value, is a programming error', () => {
    expect(() =>
      buildPredeclared(
        [
          { name: 'x', fn: () => 1 },
          { name: 'x', fn: () => 1 },
        ],
        run(),
      ),
    ).toThrow('multiple values added named x');
    expect(() =>
      buildPredeclared(
        [
          { name: 'x', value: () => 1 },
          { name: 'x.y', fn: () => 1 },
        ],
        run(),
      ),
    ).toThrow('Module conflict at x');
  });

  test('modules are unhashable', () => {
    expect(() => new TiltModule('m').hash()).toThrow('unhashable type: module');
  });
});
