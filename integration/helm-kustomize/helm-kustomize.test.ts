// helm() and kustomize() through the real CLI with the helm that env-up built and `kubectl
// kustomize`: `slant ci` applies a chart rendered with values files and --set, and a kustomize
// overlay; a helm_resource-shaped extension (the team repo of integration/extensions) installs a
// release with `helm upgrade --install`, and `slant down` uninstalls it and deletes the rest.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { connect, createNamespace, deleteNamespace, type Kube, uniqueName } from '../env/kube.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantProcess, until } from '../three-service/slant-cli.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-helm');
const extRepo = resolve(import.meta.dirname, '../extensions/repo');
let kube: Kube;
let dir = '';

function processEnv(): Record<string, string> {
  return {
    KUBECONFIG: env.kubeconfig,
    SLANT_HOME: join(dir, '.slant-home'),
    PATH: `${dirname(env.helm)}${delimiter}${process.env.PATH ?? ''}`,
    APP_NAMESPACE: ns,
    IMAGE: env.registryBusyboxImage,
    EXT_REPO_URL: `file://${extRepo}`,
  };
}

async function configMap(name: string): Promise<Record<string, string> | undefined> {
  try {
    const cm = await kube.core.readNamespacedConfigMap({ name, namespace: ns });
    return cm.data;
  } catch {
    return undefined;
  }
}

function helm(...args: string[]): string {
  return execFileSync(env.helm, [...args, '--namespace', ns], {
    env: { ...process.env, KUBECONFIG: env.kubeconfig },
    encoding: 'utf8',
  });
}

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  dir = await mkdtemp(join(tmpdir(), 'slant-helm-'));
  await cp(join(import.meta.dirname, 'app'), dir, { recursive: true });
});

afterAll(async () => {
  await deleteNamespace(kube, ns);
  await rm(dir, { recursive: true, force: true });
});

describe('helm() and kustomize()', () => {
  test('slant ci applies the rendered chart and overlay and installs the helm_resource release; down removes them', async () => {
    const ci = new SlantProcess(['ci', '--port', String(await freePort()), '--namespace', ns], {
      cwd: dir,
      env: processEnv(),
    });
    expect(await ci.exitWithin(240_000), ci.output).toBe(0);
    // helm(): values.yaml, then values-dev.yaml, then --set.
    expect(await configMap('rendered-settings')).toEqual({
      greeting: 'from-set',
      color: 'blue',
    });
    // kustomize(): the overlay's prefix and patch over the base.
    expect(await configMap('dev-settings')).toEqual({ level: 'overlay' });
    // helm_resource: a real release, with its own values.
    expect(await configMap('release-settings')).toEqual({
      greeting: 'from-release',
      color: 'grey',
    });
    expect(helm('list', '--short')).toBe('release\n');
    const deployments = await kube.objects.list('apps/v1', 'Deployment', ns);
    expect(deployments.items.map((d) => d.metadata?.name).sort()).toEqual([
      'release-sleeper',
      'rendered-sleeper',
    ]);

    const down = new SlantProcess(['down', '--namespace', ns], { cwd: dir, env: processEnv() });
    expect(await down.exitWithin(120_000), down.output).toBe(0);
    expect(helm('list', '--short')).toBe('');
    expect(await configMap('release-settings')).toBeUndefined();
    expect(await configMap('rendered-settings')).toBeUndefined();
    expect(await configMap('dev-settings')).toBeUndefined();
  });

  test('under slant up, a values file or kustomize base edit re-renders and re-applies', async () => {
    const up = new SlantProcess(
      ['up', '--stream', '--port', String(await freePort()), '--namespace', ns],
      { cwd: dir, env: processEnv() },
    );
    try {
      await until('the rendered chart applied', 120_000, async () =>
        configMap('rendered-settings'),
      );
      await until('the overlay applied', 60_000, async () => configMap('dev-settings'));
      await writeFile(join(dir, 'values-dev.yaml'), 'color: green\n');
      await until('the new values applied', 60_000, async () => {
        return (await configMap('rendered-settings'))?.color === 'green';
      });
      expect(await configMap('rendered-settings')).toEqual({
        greeting: 'from-set',
        color: 'green',
      });
      const base = join(dir, 'kustomize/base/settings.yaml');
      await writeFile(
        base,
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: base\n  extra: added\n',
      );
      await until('the base change applied', 60_000, async () => {
        return (await configMap('dev-settings'))?.extra === 'added';
      });
      expect(await configMap('dev-settings')).toEqual({ level: 'overlay', extra: 'added' });
    } finally {
      await up.stop();
    }
  });
});
