// The side-by-side part of `npm run bench:tiltfile`: with TILT_BIN set to a tilt binary (built
// outside this repo), the generated project is written to a temporary directory and both CLIs
// run `alpha tiltfile-result -v` on it, each in a fresh process. Two figures per tool: the load
// time the tool reports itself ("Successfully loaded Tiltfile (…)", timed around its loader as
// Tilt's Load is), and the whole process (start-up, load, JSON out). The kube context is a kind
// cluster on a loopback address, which neither tool contacts while loading.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseGoDuration } from '../src/tiltfile/godur.ts';

const SLANT_BIN = resolve(import.meta.dirname, '../bin/slant.js');

const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: kind-kind
clusters: [{name: kind-kind, cluster: {server: 'https://127.0.0.1:6443'}}]
contexts: [{name: kind-kind, context: {cluster: kind-kind, user: u, namespace: default}}]
users: [{name: u, user: {token: x}}]
`;

export function median(times: readonly number[]): number {
  const s = [...times].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface ProcessTimes {
  /** Median of the load time each process reported. */
  load: number;
  /** Median wall time of the whole process. */
  process: number;
}

/** Medians over `runs` runs of `argv` in `cwd`, after one warm-up run. */
function timeProcess(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  runs: number,
): ProcessTimes {
  const run = (): { load: number; process: number } => {
    const t0 = performance.now();
    const r = spawnSync(argv[0]!, argv.slice(1), {
      cwd,
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}:\n${r.stderr}`);
    const m = /Successfully loaded Tiltfile \(([^)]+)\)/.exec(r.stderr);
    if (m === null) throw new Error(`${argv[0]} printed no load time:\n${r.stderr}`);
    return { load: parseGoDuration(m[1]!), process: ms };
  };
  run();
  const times = Array.from({ length: runs }, run);
  return {
    load: median(times.map((t) => t.load)),
    process: median(times.map((t) => t.process)),
  };
}

export interface BenchProject {
  /** The project directory (holds the Tiltfile). */
  readonly dir: string;
  /** The environment both tools run with: a loopback kind context, their own homes. */
  readonly env: Record<string, string>;
  remove(): void;
}

/** Writes `files` (absolute paths under `projectDir`) to a temporary directory. */
export function writeProject(
  files: Readonly<Record<string, string>>,
  projectDir: string,
): BenchProject {
  const root = mkdtempSync(join(tmpdir(), 'slant-bench-tiltfile-'));
  const dir = join(root, 'project');
  for (const [p, text] of Object.entries(files)) {
    const out = join(dir, relative(projectDir, p));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
  }
  writeFileSync(join(root, 'kubeconfig'), KUBECONFIG);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, {
    HOME: join(root, 'home'),
    KUBECONFIG: join(root, 'kubeconfig'),
    SLANT_HOME: join(root, 'slant-home'),
    TILT_DEV_DIR: join(root, 'tilt-home'),
  });
  return { dir, env, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Times both CLIs on the project, each in fresh processes. */
export function sideBySide(
  tiltBin: string,
  project: BenchProject,
  runs: number,
): { slant: ProcessTimes; tilt: ProcessTimes } {
  const args = ['alpha', 'tiltfile-result', '-v', '-f', 'Tiltfile'];
  const slant = timeProcess([process.execPath, SLANT_BIN, ...args], project.dir, project.env, runs);
  const tilt = timeProcess([tiltBin, ...args], project.dir, project.env, runs);
  return { slant, tilt };
}
