// The dev-loop tools the benchmark runs side by side: Slant always, Tilt when TILT_BIN points at
// a tilt binary (built outside this repo). Both run as real processes on the real environment.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { SlantEnv } from '../slant-env.ts';
import { SlantApi } from '../three-service/slant-cli.ts';

const SLANT_BIN = resolve(import.meta.dirname, '../../packages/slant/bin/slant.js');

export interface Tool {
  readonly name: string;
  /** `up` in stream mode in `dir`, its HTTP server on `port`, state under `home`. */
  up(dir: string, port: number, home: string): ChildProcess;
  /** Lists the running session's API objects of one kind (plural), to split times into phases. */
  objects(home: string, port: number): <T>(plural: string) => Promise<T[]>;
}

const run = promisify(execFile);

export interface ToolOptions {
  /** DOCKER_BUILDKIT=0 for both tools; otherwise each uses BuildKit when the daemon has it. */
  readonly legacyBuilder?: boolean;
}

function toolEnv(env: SlantEnv, home: string, opts: ToolOptions): NodeJS.ProcessEnv {
  const { DOCKER_BUILDKIT: _inherited, ...rest } = process.env;
  return {
    ...rest,
    KUBECONFIG: env.kubeconfig,
    DOCKER_HOST: env.dockerHost,
    ...(opts.legacyBuilder === true ? { DOCKER_BUILDKIT: '0' } : {}),
    SLANT_HOME: home,
    TILT_DEV_DIR: home,
    TILT_WEB_MODE: 'prod',
  };
}

export function tools(env: SlantEnv, opts: ToolOptions = {}): Tool[] {
  const list: Tool[] = [
    {
      name: 'slant',
      up: (dir, port, home) =>
        spawn(process.execPath, [SLANT_BIN, 'up', '--stream', '--port', String(port)], {
          cwd: dir,
          env: toolEnv(env, home, opts),
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      objects: (home, port) => {
        const api = new SlantApi(home, port);
        return (plural) => api.list(plural);
      },
    },
  ];
  const tilt = process.env.TILT_BIN;
  if (tilt !== undefined && tilt !== '') {
    list.push({
      name: 'tilt',
      // TILT_WEB_MODE=prod: a Tilt built from source would otherwise start a webpack dev server.
      up: (dir, port, home) =>
        spawn(tilt, ['up', '--stream', '--port', String(port)], {
          cwd: dir,
          env: toolEnv(env, home, opts),
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      // Tilt's API server speaks TLS with its own CA: `tilt get` reads its config for us.
      objects: (home, port) => async (plural) => {
        const { stdout } = await run(tilt, ['get', plural, '-o', 'json', '--port', String(port)], {
          env: toolEnv(env, home, opts),
        });
        return (JSON.parse(stdout) as { items: never[] }).items;
      },
    });
  }
  return list;
}

/** The last `max` characters of a process's output, for error messages. */
export function captureOutput(child: ChildProcess, max = 6000): () => string {
  let out = '';
  const add = (b: Buffer): void => {
    out = (out + b.toString('utf8')).slice(-max);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => out;
}

/** SIGTERM, then SIGKILL after `ms`; resolves when the process has exited. */
export async function stopProcess(child: ChildProcess, ms = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}

/** Resident set size (bytes) and CPU time (seconds, user + system) of one process. */
export function processUsage(pid: number): { rss: number; cpu: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  // Fields after the command name (which may hold spaces) in /proc/<pid>/stat; utime and stime
  // are the 14th and 15th fields, in clock ticks (100 per second on Linux).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(rest[11]) + Number(rest[12]);
  return { rss: rssKb * 1024, cpu: ticks / 100 };
}
