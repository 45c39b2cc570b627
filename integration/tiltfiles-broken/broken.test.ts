// The broken-Tiltfile suite: every case runs through the loader with the fake host and must end
// in a TiltfileError (never another exception, never a Slant bug) pointing at the right
// file:line:col with Tilt's exact text. The tables (cases-*.ts) name each case by what it breaks.
import { describe, expect, test } from 'vitest';
import { formatPosition } from '@slant/starlark';
import { DIR, runTiltfile } from '../../packages/slant/src/tiltfile/test-util.ts';
import type { BrokenCase } from './case.ts';
import { ARGS_CASES } from './cases-args.ts';
import { BUILD_CASES } from './cases-build.ts';
import { DATA_CASES } from './cases-data.ts';
import { K8S_CASES } from './cases-k8s.ts';
import { MORE_CASES } from './cases-more.ts';
import { STARLARK_CASES } from './cases-starlark.ts';

const ALL: readonly BrokenCase[] = [
  ...STARLARK_CASES,
  ...ARGS_CASES,
  ...DATA_CASES,
  ...BUILD_CASES,
  ...K8S_CASES,
  ...MORE_CASES,
];

const TRACEBACK = 'Traceback (most recent call last):';

/** Paths in messages are written relative to the project directory in the tables. */
function rel(s: string): string {
  return s.replaceAll(`${DIR}/`, '');
}

/** Splits Tilt's error text into its backtrace frames and the rest. */
function splitTrace(message: string): { frames: string[]; rest: string } {
  const lines = message.split('\n');
  if (lines[0] !== TRACEBACK) return { frames: [], rest: message };
  let i = 1;
  while (i < lines.length && lines[i]!.startsWith('  ')) i++;
  return { frames: lines.slice(1, i).map((l) => l.trim()), rest: lines.slice(i).join('\n') };
}

test('the suite has at least 100 uniquely named cases', () => {
  expect(ALL.length).toBeGreaterThanOrEqual(100);
  expect(new Set(ALL.map((c) => c.name)).size).toBe(ALL.length);
});

describe('broken Tiltfiles', () => {
  test.each(ALL.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = runTiltfile(c.tiltfile, {
      files: c.files ?? {},
      ...(c.scripts === undefined ? {} : { scripts: c.scripts }),
      ...(c.kube === undefined ? {} : { kube: c.kube }),
      load: { args: c.args ?? [] },
    });
    const err = r.error;
    expect(err?.name).toBe('TiltfileError');
    if (err === undefined) return;
    // A JavaScript engine error under the Tiltfile error would be a crash in Slant.
    expect(err.internal).toBeUndefined();
    const at = err.location === undefined ? null : rel(formatPosition(err.location));
    expect(at).toBe(c.at);
    const { frames, rest } = splitTrace(rel(err.message));
    expect(rest).toBe(c.error);
    // The message itself names the location (a backtrace frame or a `file:line:col:` prefix).
    if (c.at !== null) expect(rel(err.message)).toContain(`${c.at}:`);
    if (c.trace !== undefined) expect(frames).toEqual(c.trace);
    // The code frame marks the failing line (at end of file, the empty line after the last).
    if (err.location !== undefined)
      expect(err.frame).toMatch(new RegExp(`^> +${err.location.line} \\|`, 'm'));
  });
});
