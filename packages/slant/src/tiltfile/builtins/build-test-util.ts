// Test helpers for the BUILD+LOCAL builtins: run a Tiltfile with them predeclared.
import type { FakeHostOptions } from '../host-fake.ts';
import type { LoadTiltfileOptions } from '../loader.ts';
import { errorOf, type RunResult, runTiltfile } from '../test-util.ts';
import { ALL_BUILTINS } from './index.ts';

export function run(
  src: string,
  opts: FakeHostOptions & {
    files?: Record<string, string>;
    load?: Partial<LoadTiltfileOptions>;
  } = {},
): RunResult {
  return runTiltfile(src, {
    ...opts,
    load: { builtins: ALL_BUILTINS, assemblers: [], ...opts.load },
  });
}

/** The last line of a failed run's backtrace: `Error in fn: msg` (or the whole message). */
export function lastError(r: RunResult): string {
  const msg = errorOf(r);
  const i = msg.indexOf('\nError');
  return i < 0 ? msg : msg.slice(i + 1);
}
