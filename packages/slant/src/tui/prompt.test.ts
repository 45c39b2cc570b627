import type { UIResource } from '@slant/api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeColors } from './colors.ts';
import { promptGreeting, promptKey, startStatusLine } from './prompt.ts';
import { countResources, summaryLine } from './summary.ts';

const plain = makeColors(false);

describe('prompt mode', () => {
  it("prints Tilt's greeting: start line, version, keys", () => {
    expect(
      promptGreeting(
        { url: 'http://localhost:10350/', host: 'localhost', version: '0.1.0' },
        plain,
      ),
    ).toBe(
      [
        'Slant started on http://localhost:10350/',
        'v0.1.0, built from source',
        '',
        '(space) to open the browser',
        '(s) to stream logs (--stream=true)',
        '(t) to open legacy terminal mode (--legacy=true)',
        '(ctrl-c) to exit',
        '',
        '',
      ].join('\n'),
    );
  });

  it('says when the UI listens on every interface, or is off', () => {
    expect(startStatusLine('http://0.0.0.0:10350/', '0.0.0.0', plain)).toBe(
      'Slant started on http://0.0.0.0:10350/ (listening on 0.0.0.0)',
    );
    expect(startStatusLine(undefined, 'localhost', plain)).toBe(
      'Slant started (without browser UI)',
    );
    expect(startStatusLine(undefined, 'localhost', makeColors(true))).toBe(
      '\u001b[32mSlant started (without browser UI)\u001b[0m',
    );
    expect(
      promptGreeting({ url: undefined, host: 'localhost', version: '0.1.0' }, plain),
    ).not.toContain('(space)');
  });

  it('maps keys to actions', () => {
    expect([' ', 's', 't', 'h', '\u0003', 'x'].map(promptKey)).toEqual([
      'open-browser',
      'stream',
      'hud',
      'hud',
      'exit',
      'none',
    ]);
  });

  it('summarises the resources of the fixture session in one line', () => {
    const f = JSON.parse(
      readFileSync(join(import.meta.dirname, 'testdata/session.json'), 'utf8'),
    ) as {
      uiResources: UIResource[];
    };
    const counts = countResources(f.uiResources);
    expect(counts).toEqual({ total: 5, ok: 2, pending: 1, error: 1, disabled: 1 });
    expect(summaryLine(counts, plain)).toBe('5 resources: 2 ok, 1 pending, 1 error, 1 disabled');
    expect(summaryLine(countResources([]), plain)).toBe('0 resources: 0 ok, 0 pending, 0 error');
  });
});
