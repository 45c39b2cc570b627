// A `slant up` of the local-resource app in a temp dir: its process, API, client commands, and
// the host processes its Cmds run (pids from Cmd status, liveness from the kernel).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cmd, UIResource } from '@slant/api';
import { type CliResult, runCli } from '../client-commands/run-cli.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantApi, SlantProcess, until } from '../three-service/slant-cli.ts';

export class LocalSession {
  dir = '';
  port = 0;
  up!: SlantProcess;
  api!: SlantApi;

  async start(appDir: string, env: Record<string, string> = {}): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'slant-local-'));
    await cp(appDir, this.dir, { recursive: true });
    this.port = await freePort();
    this.up = new SlantProcess(['up', '--stream', '--port', String(this.port)], {
      cwd: this.dir,
      env: { SLANT_HOME: this.home, ...env },
    });
    await this.up.waitForOutput(/Slant started on/, 60_000);
    this.api = new SlantApi(this.home, this.port);
  }

  get home(): string {
    return join(this.dir, '.slant-home');
  }

  async stop(): Promise<void> {
    await this.up?.stop();
    if (this.dir !== '') await rm(this.dir, { recursive: true, force: true });
  }

  cli(...args: string[]): Promise<CliResult> {
    return runCli(args, {
      cwd: this.dir,
      env: { SLANT_HOME: this.home, TILT_PORT: String(this.port) },
    });
  }

  async resource(name: string): Promise<UIResource> {
    const ui = await this.api.get<UIResource>('uiresources', name);
    if (ui === undefined) throw new Error(`no UIResource ${name}`);
    return ui;
  }

  /** The pid of the resource's running serve_cmd, once it is running and ready. */
  async readyServePid(resource: string, ms = 60_000, not = 0): Promise<number> {
    return until(`${resource} serve_cmd ready`, ms, async () => {
      const cmds = await this.api.list<Cmd>('cmds');
      const cmd = cmds.find((c) => c.metadata.name.startsWith(`${resource}-serve-`));
      const pid = cmd?.status?.running?.pid;
      return cmd?.status?.ready === true && pid !== undefined && pid !== not ? pid : undefined;
    });
  }

  /** Output lines of one resource, without the prefix, from `from` on. */
  lines(resource: string, from = 0): string[] {
    const prefix = new RegExp(`^ *${resource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} │ ?`);
    return this.up.output
      .slice(from)
      .split('\n')
      .filter((l) => prefix.test(l))
      .map((l) => l.replace(prefix, ''));
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function freePorts(n: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < n) {
    const p = await freePort();
    if (!out.includes(p)) out.push(p);
  }
  return out;
}
