// load('ext://...') end to end through the real CLI: the extensions of a team repo written for
// these tests (dotenv, namespace, uibutton shapes) from a local directory, from a git URL cloned
// into the extension cache (git's url.insteadOf maps the URL to a local repo: no network), and
// from that cache again once the origin is gone.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cmd, Extension, ExtensionRepo } from '@slant/api';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { connect, deleteNamespace, type Kube, uniqueName } from '../env/kube.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantApi, SlantProcess, until } from '../three-service/slant-cli.ts';

const env = inject('slantEnv');
const REPO_URL = 'https://ext.example.invalid/team/exts';
let kube: Kube;
let work = '';
let origin = '';
let dataHome = '';
const namespaces: string[] = [];

function git(args: string[], cwd: string): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

/** A copy of the app in a fresh dir, with its own namespace. */
async function app(): Promise<{ dir: string; ns: string }> {
  const dir = await mkdtemp(join(work, 'app-'));
  await cp(join(import.meta.dirname, 'app'), dir, { recursive: true });
  const ns = uniqueName('slant-ext');
  namespaces.push(ns);
  return { dir, ns };
}

/** Git config through the environment: the repo URL is served by the local origin repo. */
function gitRedirect(): Record<string, string> {
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `url.${origin}.insteadOf`,
    GIT_CONFIG_VALUE_0: REPO_URL,
  };
}

async function ci(dir: string, ns: string, extra: Record<string, string>) {
  return slant(['ci', '--port', String(await freePort())], dir, ns, extra);
}

function slant(args: string[], dir: string, ns: string, extra: Record<string, string>) {
  return new SlantProcess(args, {
    cwd: dir,
    env: {
      KUBECONFIG: env.kubeconfig,
      SLANT_HOME: join(dir, '.slant-home'),
      XDG_DATA_HOME: dataHome,
      APP_NAMESPACE: ns,
      ...extra,
    },
  });
}

async function configMapText(ns: string): Promise<string | undefined> {
  const cm = await kube.core.readNamespacedConfigMap({ name: 'greeting', namespace: ns });
  return cm.data?.text;
}

beforeAll(async () => {
  kube = connect(env);
  work = await mkdtemp(join(tmpdir(), 'slant-ext-'));
  dataHome = join(work, 'data');
  origin = join(work, 'origin');
  await cp(join(import.meta.dirname, 'repo'), origin, { recursive: true });
  git(['init', '-q', '-b', 'main'], origin);
  git(['add', '.'], origin);
  git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'exts'], origin);
});

afterAll(async () => {
  await Promise.all(namespaces.map((ns) => deleteNamespace(kube, ns)));
  await rm(work, { recursive: true, force: true });
});

describe('extensions', () => {
  test('slant ci loads dotenv, namespace and uibutton extensions from a local directory repo', async () => {
    const { dir, ns } = await app();
    const run = await ci(dir, ns, { EXT_REPO_URL: `file://${origin}` });
    expect(await run.exitWithin(180_000)).toBe(0);
    expect(run.output).toMatch(/greet │ greeting: hello from dotenv\n/);
    expect(await configMapText(ns)).toBe('hello');
    // Nothing was cloned: a file:// repo is read in place.
    await expect(readdir(dataHome)).rejects.toThrow(/ENOENT/);
    // down runs the custom deploy's delete command with the .env values in its environment.
    const down = slant(['down'], dir, ns, { EXT_REPO_URL: `file://${origin}` });
    expect(await down.exitWithin(120_000), down.output).toBe(0);
    expect(down.output).toContain(
      `configmap "marker" deleted\nmarker deleted, hello from dotenv\n`,
    );
  });

  test('slant up clones a git repo into the extension cache; a cmd_button runs with its inputs', async () => {
    const { dir, ns } = await app();
    const port = await freePort();
    const up = slant(['up', '--stream', '--port', String(port)], dir, ns, {
      EXT_REPO_URL: REPO_URL,
      ...gitRedirect(),
    });
    try {
      await up.waitForOutput(/greet │ greeting: hello from dotenv\n/, 120_000);
      const checkout = join(dataHome, 'tilt-dev/tilt_modules/ext.example.invalid/team/exts');
      // The clone is the origin's commit: every extension of the repo, plus git's metadata.
      const repoDirs = await readdir(join(import.meta.dirname, 'repo'));
      expect((await readdir(checkout)).sort()).toEqual(['.git', ...repoDirs].sort());
      expect(repoDirs).toContain('uibutton');
      const api = new SlantApi(join(dir, '.slant-home'), port);
      const exts = await api.list<Extension>('extensions');
      expect(exts.map((e) => [e.metadata.name, e.spec.repoName, e.spec.repoPath]).sort()).toEqual([
        ['team_dotenv', 'team', 'dotenv'],
        ['team_namespace', 'team', 'namespace'],
        ['team_uibutton', 'team', 'uibutton'],
      ]);
      // Statuses: where the repo is checked out and each extension's Tiltfile.
      const repo = await api.get<ExtensionRepo>('extensionrepos', 'team');
      expect(repo?.status?.path).toBe(checkout);
      expect(exts.find((e) => e.metadata.name === 'team_dotenv')?.status?.path).toBe(
        join(checkout, 'dotenv', 'Tiltfile'),
      );
      await until('the ConfigMap in the namespace', 120_000, async () => configMapText(ns));
      // Click the button as the UI does: its status gets the click time and input values.
      await api.patchStatus('uibuttons', 'hello', {
        status: {
          lastClickedAt: new Date().toISOString().replace('Z', '000Z'),
          inputs: [{ name: 'WHO', text: { value: 'slant' } }],
        },
      });
      await up.waitForOutput(/greet │ button says hello from dotenv to slant\n/, 30_000);
      const cmd = await until('the button Cmd finished', 30_000, async () => {
        const c = await api.get<Cmd>('cmds', 'btn-hello');
        return c?.status?.terminated === undefined ? undefined : c;
      });
      expect(cmd.status?.terminated?.exitCode).toBe(0);
    } finally {
      await up.stop();
    }
  });

  test('with the origin gone, the cached checkout is used and said to be stale', async () => {
    await rm(origin, { recursive: true, force: true });
    const { dir, ns } = await app();
    const run = await ci(dir, ns, { EXT_REPO_URL: REPO_URL, ...gitRedirect() });
    expect(await run.exitWithin(180_000)).toBe(0);
    expect(run.output).toContain(
      `extensionrepo team: may be stale: fatal: '${origin}' does not appear to be a git repository\n`,
    );
    expect(run.output).toMatch(/greet │ greeting: hello from dotenv\n/);
    expect(await configMapText(ns)).toBe('hello');
  });
});
