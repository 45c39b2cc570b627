// Runs the real `slant` CLI for e2e tests: output captured, waits on output or on the objects of
// its HTTP API (found through the client config it writes under SLANT_HOME).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const BIN = resolve(import.meta.dirname, '../../packages/slant/bin/slant.js');

export class SlantProcess {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[], opts: { cwd: string; env: Record<string, string> }) {
    this.child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const add = (b: Buffer) => {
      this.output += b.toString('utf8');
    };
    this.child.stdout?.on('data', add);
    this.child.stderr?.on('data', add);
    this.exited = new Promise((res) => this.child.on('exit', (code) => res(code)));
  }

  /** Resolves when the output (from `from` on) matches; rejects after `ms` with the output. */
  async waitForOutput(re: RegExp, ms = 120_000, from = 0): Promise<string> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const m = this.output.slice(from).match(re);
      if (m !== null) return m[0];
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${re} in output:\n${this.output.slice(-4000)}`);
  }

  /** The exit code; after `ms` the process is killed and this rejects with its output. */
  async exitWithin(ms: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(
          new Error(`slant did not exit within ${ms} ms; output:\n${this.output.slice(-6000)}`),
        );
      }, ms);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** The Slant HTTP API of the instance on `port`, as its client config describes it. */
export class SlantApi {
  private readonly base: string;
  private readonly token: string;

  constructor(home: string, port: number) {
    const cfg = parse(readFileSync(join(home, 'config'), 'utf8')) as {
      clusters: { name: string; cluster: { server: string } }[];
      users: { name: string; user: { token: string } }[];
    };
    const name = `tilt-${port}`;
    this.base = cfg.clusters.find((c) => c.name === name)?.cluster.server ?? '';
    this.token = cfg.users.find((u) => u.name === name)?.user.token ?? '';
  }

  async get<T>(plural: string, name: string): Promise<T | undefined> {
    const res = await fetch(
      `${this.base}/apis/tilt.dev/v1alpha1/${plural}/${encodeURIComponent(name)}`,
      {
        headers: { authorization: `Bearer ${this.token}` },
      },
    );
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`GET ${plural}/${name}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Log lines after `afterSeq` (the logs route's newline-delimited JSON). */
  async logs(
    afterSeq = 0,
  ): Promise<{ seq: number; resource: string; time: string; text: string }[]> {
    const res = await fetch(`${this.base}/apis/slant.dev/logs?afterSeq=${afterSeq}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (!res.ok) throw new Error(`GET logs: ${res.status}`);
    return (await res.text())
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { seq: number; resource: string; time: string; text: string });
  }

  /** A JSON merge patch of the object's status, as the web UI writes button clicks. */
  async patchStatus(plural: string, name: string, patch: unknown): Promise<void> {
    const res = await fetch(
      `${this.base}/apis/tilt.dev/v1alpha1/${plural}/${encodeURIComponent(name)}/status`,
      {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/merge-patch+json',
        },
        body: JSON.stringify(patch),
      },
    );
    if (!res.ok)
      throw new Error(`PATCH ${plural}/${name}/status: ${res.status} ${await res.text()}`);
  }

  async list<T>(plural: string): Promise<T[]> {
    const res = await fetch(`${this.base}/apis/tilt.dev/v1alpha1/${plural}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (!res.ok) throw new Error(`GET ${plural}: ${res.status}`);
    return ((await res.json()) as { items: T[] }).items;
  }
}

/** Polls `fn` until it returns a value other than undefined/false. */
export async function until<T>(
  what: string,
  ms: number,
  fn: () => Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`);
}
