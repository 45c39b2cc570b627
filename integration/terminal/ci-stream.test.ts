// `slant ci` without a terminal: stream mode, `name │ line` prefixes, the --log-* filters, and
// the exit code the Session decides (0 when every resource is ready, 1 when one fails).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SlantProcess } from '../three-service/slant-cli.ts';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-ci-stream-'));
  await writeFile(
    join(dir, 'Tiltfile'),
    [
      "local_resource('good', cmd='echo good-build')",
      "local_resource('bad', cmd='echo bad-build; exit 3')",
      "local_resource('other', cmd='echo other-build')",
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function ci(args: string[], color = false): SlantProcess {
  return new SlantProcess(['ci', '--port', '0', ...args], {
    cwd: dir,
    env: { SLANT_HOME: join(dir, 'home'), ...(color ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }) },
  });
}

describe('slant ci streams', () => {
  test('prefixed lines of every resource and exit 0 when the enabled resources succeed', async () => {
    const p = ci(['good', 'other']);
    expect(await p.exitWithin(60_000)).toBe(0);
    expect(p.output).toContain('         good │ good-build\n');
    expect(p.output).toContain('        other │ other-build\n');
    expect(p.output).toContain('SUCCESS. All workloads are healthy.\n');
  });

  test('--log-resource shows one resource without prefix; a failed update exits 1', async () => {
    const p = ci(['--log-resource', 'bad', '--log-source', 'build']);
    expect(await p.exitWithin(60_000)).toBe(1);
    // Tilt shows a local command as its own output, not as a pipeline step.
    expect(p.output).toContain('\nRunning cmd: echo bad-build; exit 3\nbad-build\n');
    expect(p.output).not.toContain('STEP 1/1');
    expect(p.output).not.toContain('good-build');
    expect(p.output).not.toContain('│');
    // An error's first line is marked as Tilt marks it.
    expect(p.output).toContain(
      '\nERROR: Build Failed: Command "echo bad-build; exit 3" failed: exit status 3\n',
    );
  });

  test('with colour, each resource keeps one colour on its prefix', async () => {
    const p = ci(['good', 'other'], true);
    expect(await p.exitWithin(60_000)).toBe(0);
    const prefixes = [...p.output.matchAll(/\u001b\[(\d+)m +(good|other) │ \u001b\[0m/g)];
    const byName = new Map<string, Set<string>>();
    for (const [, code, name] of prefixes) {
      byName.set(name!, (byName.get(name!) ?? new Set()).add(code!));
    }
    expect([...byName.keys()].sort()).toEqual(['good', 'other']);
    expect([...byName.values()].map((codes) => codes.size)).toEqual([1, 1]);
  });
});
