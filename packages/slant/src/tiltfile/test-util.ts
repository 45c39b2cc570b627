// Helpers for Tiltfile tests: run a Tiltfile from an in-memory file system.
import type { FakeHost, FakeHostOptions } from './host-fake.ts';
import { fakeHost } from './host-fake.ts';
import type { LoadTiltfileOptions, TiltfileResult } from './loader.ts';
import { loadTiltfile } from './loader.ts';

/** The directory the fake Tiltfiles live in. */
export const DIR = '/work/proj';

export interface RunResult extends TiltfileResult {
  readonly host: FakeHost;
  /** The log (print and warn lines), each newline-terminated. */
  readonly out: string;
}

/**
 * Runs `${DIR}/Tiltfile` with `tiltfile` as its source (other files: paths relative to DIR or
 * absolute).
 */
export function runTiltfile(
  tiltfile: string,
  opts: FakeHostOptions & {
    files?: Record<string, string>;
    load?: Partial<LoadTiltfileOptions>;
    /** Adjusts the fake host before the run (symlinks, scripts). */
    setup?: (host: FakeHost) => void;
  } = {},
): RunResult {
  const files: Record<string, string> = { Tiltfile: tiltfile, ...opts.files };
  const abs = Object.fromEntries(
    Object.entries(files).map(([p, c]) => [p.startsWith('/') ? p : `${DIR}/${p}`, c]),
  );
  const host = fakeHost({ ...opts, files: abs });
  opts.setup?.(host);
  const r = loadTiltfile(host, { mainPath: `${DIR}/Tiltfile`, ...opts.load });
  return { ...r, host, out: host.log.output };
}

/** The error message of a run that must fail. */
export function errorOf(r: TiltfileResult): string {
  if (r.error === undefined) throw new Error('expected the Tiltfile to fail');
  return r.error.message;
}
