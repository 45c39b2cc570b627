// The real ProcessRunner against real processes: process groups, start errors, UTF-8 output.
import { describe, expect, test } from 'vitest';
import { systemClock } from '../../packages/slant/src/clock.ts';
import { NodeProcessRunner } from '../../packages/slant/src/exec/node.ts';
import { ShellReaper } from '../../packages/slant/src/exec/reaper.ts';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

function collect() {
  let out = '';
  const chunks: string[] = [];
  return {
    output: {
      stdout: (s: string) => {
        out += s;
        chunks.push(s);
      },
      stderr: (s: string) => {
        out += s;
      },
    },
    text: () => out,
    chunks,
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(done: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('NodeProcessRunner', () => {
  test('when Slant goes away without stopping them, the reaper kills the groups still running', async () => {
    const reaper = new ShellReaper();
    const runner = new NodeProcessRunner({ clock: systemClock(), reaper });
    const c = collect();
    const p = runner.start(
      { argv: ['sh', '-c', 'trap "" TERM; sleep 300 & echo $!; wait'], dir: '/', env },
      c.output,
    );
    const done = runner.start({ argv: ['true'], dir: '/', env }, collect().output);
    await done.exited;
    await until(() => c.text().includes('\n'));
    const child = Number(c.text().trim());
    // The pipe closing is what Slant's death looks like to the reaper.
    reaper.close();
    await until(() => !alive(child) && !alive(p.pid), 5000);
    expect(await p.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  test('stop ends the process and the children it started (its process group)', async () => {
    const runner = new NodeProcessRunner({ clock: systemClock() });
    const c = collect();
    const p = runner.start(
      { argv: ['sh', '-c', 'sleep 300 & echo $!; wait'], dir: '/', env },
      c.output,
    );
    await until(() => c.text().includes('\n'));
    const child = Number(c.text().trim());
    expect(alive(p.pid)).toBe(true);
    expect(alive(child)).toBe(true);
    const exit = await p.stop(2000);
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    await until(() => !alive(child));
    expect(alive(p.pid)).toBe(false);
  });

  test('a process that ignores SIGTERM gets SIGKILL after the grace period', async () => {
    const runner = new NodeProcessRunner({ clock: systemClock() });
    const c = collect();
    const p = runner.start(
      { argv: ['sh', '-c', 'trap "" TERM; echo ready; sleep 300; :'], dir: '/', env },
      c.output,
    );
    await until(() => c.text().includes('ready'));
    const started = Date.now();
    const exit = await p.stop(300);
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  test('children left behind when the main process exits are killed with it', async () => {
    const runner = new NodeProcessRunner({ clock: systemClock() });
    const c = collect();
    const p = runner.start({ argv: ['sh', '-c', 'sleep 300 & echo $!'], dir: '/', env }, c.output);
    const exit = await p.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    await until(() => !alive(Number(c.text().trim())));
  });

  test("a program missing from $PATH fails to start with Go's text", async () => {
    const runner = new NodeProcessRunner({ clock: systemClock() });
    const p = runner.start({ argv: ['slant-no-such-program'], dir: '/', env }, collect().output);
    expect(p.pid).toBe(0);
    expect(await p.exited).toEqual({
      code: null,
      signal: null,
      error: 'exec: "slant-no-such-program": executable file not found in $PATH',
    });
  });

  test('a character split across output chunks arrives whole', async () => {
    const runner = new NodeProcessRunner({ clock: systemClock() });
    const c = collect();
    // "é" is 0xC3 0xA9: print the first byte, pause, then the second.
    const script = "printf '\\303'; sleep 0.2; printf '\\251 ok\\n'";
    const p = runner.start({ argv: ['sh', '-c', script], dir: '/', env }, c.output);
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(c.text()).toBe('é ok\n');
    expect(c.chunks.every((s) => !s.includes('\uFFFD'))).toBe(true);
  });

  test('runs in the given directory with exactly the given environment', async () => {
    const runner = new NodeProcessRunner({ clock: systemClock() });
    const c = collect();
    const p = runner.start(
      { argv: ['sh', '-c', 'pwd; echo "$GREETING"'], dir: '/tmp', env: { ...env, GREETING: 'hi' } },
      c.output,
    );
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(c.text()).toBe('/tmp\nhi\n');
  });
});
