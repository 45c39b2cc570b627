// helm_repo + helm_resource (the team repo's helm_resource extension) through `slant ci` and
// `slant down`: a chart repository served over HTTP by this test (the chart packaged and indexed
// with the real helm) is added by a local resource, and the release of `team-charts/sleeper`
// waits for it, installs, and is uninstalled on down. Helm's config and cache live in a temp dir.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { connect, createNamespace, deleteNamespace, type Kube, uniqueName } from '../env/kube.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantProcess } from '../three-service/slant-cli.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-helmrepo');
let kube: Kube;
let dir = '';
let server: Server;
let repoUrl = '';

function helmEnv(): Record<string, string> {
  return {
    KUBECONFIG: env.kubeconfig,
    HELM_CONFIG_HOME: join(dir, 'helm/config'),
    HELM_CACHE_HOME: join(dir, 'helm/cache'),
    HELM_DATA_HOME: join(dir, 'helm/data'),
  };
}

function helm(...args: string[]): string {
  return execFileSync(env.helm, args, { env: { ...process.env, ...helmEnv() }, encoding: 'utf8' });
}

function slant(args: string[]): SlantProcess {
  return new SlantProcess(args, {
    cwd: dir,
    env: {
      ...helmEnv(),
      SLANT_HOME: join(dir, '.slant-home'),
      PATH: `${dirname(env.helm)}${delimiter}${process.env.PATH ?? ''}`,
      APP_NAMESPACE: ns,
      IMAGE: env.registryBusyboxImage,
      EXT_REPO_URL: `file://${resolve(import.meta.dirname, '../extensions/repo')}`,
      CHART_REPO_URL: repoUrl,
    },
  });
}

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  dir = await mkdtemp(join(tmpdir(), 'slant-helmrepo-'));
  await cp(join(import.meta.dirname, 'repo-app'), dir, { recursive: true });
  const charts = join(dir, 'charts');
  await mkdir(charts);
  const port = await freePort();
  repoUrl = `http://127.0.0.1:${port}`;
  helm('package', join(import.meta.dirname, 'app/chart'), '--destination', charts);
  helm('repo', 'index', charts, '--url', repoUrl);
  server = createServer((req, res) => {
    readFile(join(charts, basename(req.url ?? '/')))
      .then((body) => res.end(body))
      .catch(() => {
        res.statusCode = 404;
        res.end();
      });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await deleteNamespace(kube, ns);
  await rm(dir, { recursive: true, force: true });
});

describe('helm_repo and helm_resource', () => {
  test('a release from a chart repository installs after the repo is added; down uninstalls it', async () => {
    const ci = slant(['ci', '--port', String(await freePort()), '--namespace', ns]);
    expect(await ci.exitWithin(240_000), ci.output).toBe(0);
    expect(ci.output).toMatch(/team-charts │ "team-charts" has been added to your repositories\n/);
    // resource_deps: the release deployed only after the repo was added.
    expect(ci.output.indexOf('from-repo │ Initial Build')).toBeGreaterThan(
      ci.output.indexOf('team-charts │ "team-charts" has been added'),
    );
    expect(helm('list', '--short', '--namespace', ns)).toBe('from-repo\n');
    const cm = await kube.core.readNamespacedConfigMap({
      name: 'from-repo-settings',
      namespace: ns,
    });
    expect(cm.data).toEqual({ greeting: 'from-chart-defaults', color: 'grey' });

    const down = slant(['down', '--namespace', ns]);
    expect(await down.exitWithin(120_000), down.output).toBe(0);
    expect(helm('list', '--short', '--namespace', ns)).toBe('');
  });
});
