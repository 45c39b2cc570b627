import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/slant.js');
const dir = mkdtempSync(join(tmpdir(), 'slant-tfr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function slant(args: string[]): { code: number | null; out: string; err: string } {
  // An empty kubeconfig: no context, so nothing is refused as production.
  const env = { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: join(dir, 'no-kubeconfig') };
  const r = spawnSync(process.execPath, [BIN, 'alpha', 'tiltfile-result', ...args], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('slant alpha tiltfile-result', () => {
  it('prints the result as JSON, with the args after --', () => {
    writeFileSync(
      join(dir, 'ok.tiltfile'),
      'config.define_string_list("names", args=True)\nprint(config.parse()["names"], config.tilt_subcommand)\nk8s_yaml(blob("apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: cm\\n"))\n',
    );
    const r = slant(['-f', 'ok.tiltfile', '--', 'a', 'b']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const out = JSON.parse(r.out) as {
      configFiles: string[];
      resources: string[];
      objects: { kind: string }[];
    };
    expect(out.configFiles).toEqual([
      join(dir, '.tiltignore'),
      join(dir, 'ok.tiltfile'),
      join(dir, 'tilt_config.json'),
    ]);
    expect(out.resources).toEqual(['uncategorized']);
    expect(out.objects.map((o) => o.kind)).toContain('KubernetesApply');
  });

  it('logs the load on stderr with -v, as Tilt', () => {
    writeFileSync(join(dir, 'loud.tiltfile'), 'print("hi")\n');
    const r = slant(['-v', '-f', 'loud.tiltfile']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      new RegExp(
        `^Loading Tiltfile at: ${join(dir, 'loud.tiltfile')}\\nhi\\nSuccessfully loaded Tiltfile \\([0-9.]+[µm]?s\\)\\n$`,
      ),
    );
  });

  it('prints builtin timings with -b', () => {
    writeFileSync(join(dir, 'timed.tiltfile'), 'blob("x")\nread_file("timed.tiltfile")\n');
    const r = slant(['-f', 'timed.tiltfile', '-b']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.map((l) => l.replace(/ took .*$/, ''))).toEqual([
      '- blob("x")',
      '- read_file("timed.tiltfile")',
      'Tiltfile execution',
    ]);
  });

  it('exits 5 with the logs and the error on stderr when the Tiltfile fails', () => {
    writeFileSync(join(dir, 'bad.tiltfile'), 'print("before")\nfail("boom")\n');
    const r = slant(['-f', 'bad.tiltfile']);
    expect(r.code).toBe(5);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `Loading Tiltfile at: ${join(dir, 'bad.tiltfile')}\nbefore\nTraceback (most recent call last):\n  ${join(dir, 'bad.tiltfile')}:2:5: in <toplevel>\nError in fail: boom\n\n  1 | print("before")\n> 2 | fail("boom")\n    |     ^\n`,
    );
  });
});
