// The Tiltfile corpus: every integration/tiltfiles/<name>/Tiltfile runs through the loader with
// the real file system, a scripted process runner (<name>/processes.json, optional) and a fixed
// kube context (kind-kind), and its result must equal <name>/expected.json. Absolute paths of the
// scenario directory appear as "$DIR". After an intended change: `npx vitest run --project
// tiltfiles -u` rewrites the expected files; review the diff.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { realFsTiltfileHost } from '../../packages/slant/src/app.ts';
import type { ProcessScript } from '../../packages/slant/src/tiltfile/host-fake.ts';
import { FakeLog, FakeProcessRunner } from '../../packages/slant/src/tiltfile/host-fake.ts';
import { loadTiltfile } from '../../packages/slant/src/tiltfile/loader.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

interface ScriptSpec {
  /** The argv joined with spaces, exactly; or a regular expression source with `regexp: true`. */
  readonly match: string;
  readonly regexp?: boolean;
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exitCode?: number;
}

function scripts(dir: string): ProcessScript[] {
  let specs: ScriptSpec[] = [];
  try {
    specs = JSON.parse(readFileSync(join(dir, 'processes.json'), 'utf8')) as ScriptSpec[];
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
  }
  return specs.map((s) => ({
    match: s.regexp === true ? new RegExp(s.match) : s.match,
    result: {
      ...(s.stdout === undefined ? {} : { stdout: s.stdout }),
      ...(s.stderr === undefined ? {} : { stderr: s.stderr }),
      ...(s.exitCode === undefined ? {} : { exitCode: s.exitCode }),
    },
  }));
}

function run(name: string): string {
  const dir = join(HERE, name);
  let args: string[] = [];
  try {
    args = JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as string[];
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
  }
  const log = new FakeLog();
  const host = realFsTiltfileHost({
    proc: new FakeProcessRunner(scripts(dir)),
    env: { HOME: '/home/user', PATH: '/usr/local/bin:/usr/bin:/bin', USER: 'dev' },
    kube: { context: 'kind-kind', namespace: 'default', cluster: 'kind-kind' },
    log,
    argv: ['slant', 'up'],
    executable: '/usr/local/bin/slant',
    osName: 'posix',
  });
  const r = loadTiltfile(host, { mainPath: join(dir, 'Tiltfile'), args, subcommand: 'up' });
  const result = {
    error: r.error?.message ?? null,
    log: log.lines,
    configFiles: r.configFiles,
    resources: r.resources.map((res) => res.name),
    objects: [...r.objects]
      .map((o) => o as { kind: string; metadata: { name: string } })
      .sort((a, b) => (a.kind + a.metadata.name < b.kind + b.metadata.name ? -1 : 1)),
  };
  return `${JSON.stringify(result, null, 2).replaceAll(dir, '$DIR')}\n`;
}

const scenarios = readdirSync(HERE).filter((n) => statSync(join(HERE, n)).isDirectory());

describe('Tiltfile corpus', () => {
  test.each(scenarios)('%s', async (name) => {
    await expect(run(name)).toMatchFileSnapshot(join(HERE, name, 'expected.json'));
  });
});
