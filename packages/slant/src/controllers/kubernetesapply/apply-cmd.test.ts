import { API_VERSION, type Cluster } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { FakeProcessRunner } from '../../exec/fake.ts';
import { FakeKubeClient } from '../../k8s/client-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import { KubernetesApplier } from './applier.ts';
import { overflowEllipsis } from './apply-cmd.ts';
import { imageMap, kubernetesApply } from './testing.ts';

const signal = new AbortController().signal;
const CONFIGMAP =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: ns1\n  uid: u1\n';

function setup() {
  const clock = new FakeClock();
  const store = newTestStore(clock);
  const processes = new FakeProcessRunner();
  const logs = new MemoryLogWriter();
  const applier = new KubernetesApplier({
    store,
    kube: new FakeKubeClient(),
    clock,
    logs,
    commands: { processes, baseEnv: { PATH: '/bin' } },
  });
  const cluster: Cluster = {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: { name: 'default' },
    spec: {},
    status: {
      connection: {
        kubernetes: { configPath: '/tmp/kubeconfig', context: 'c', namespace: 'ns1', cluster: 'c' },
      },
    },
  };
  store.create(cluster);
  const custom = (extra: object = {}) =>
    kubernetesApply('crd', {
      cluster: 'default',
      applyCmd: { args: ['sh', '-c', 'deploy.sh'], dir: '/proj', env: ['A=1'] },
      deleteCmd: { args: ['undeploy'], dir: '/proj', env: [] },
      ...extra,
    });
  return { clock, store, processes, logs, applier, custom };
}

describe('k8s_custom_deploy apply and delete commands', () => {
  it('runs the apply command with the images and KUBECONFIG, and takes its YAML as what was deployed', async () => {
    const t = setup();
    t.store.create(imageMap('img', 'img', 'localhost:5005/img:tilt-1'));
    t.store.create(t.custom({ imageMaps: ['img'] }));
    t.processes.onStart = (p) => {
      p.output.stdout(CONFIGMAP);
      p.output.stderr('applied 1 object\n');
      p.exit(0);
    };
    expect(await t.applier.apply('crd', signal)).toEqual({ ok: true });
    const env = t.processes.started[0]?.spec.env;
    expect([env?.A, env?.TILT_IMAGE_MAP_0, env?.TILT_IMAGE_0, env?.KUBECONFIG, env?.PATH]).toEqual([
      '1',
      'img',
      'localhost:5005/img:tilt-1',
      '/tmp/kubeconfig',
      '/bin',
    ]);
    expect(t.logs.text('crd')).toBe(
      '     Running cmd: deploy.sh\n     applied 1 object\n     Objects applied to cluster:\n       → cm:configmap\n',
    );
    expect(t.store.get('KubernetesApply', 'crd')?.status?.resultYAML).toContain('name: cm');
  });

  it('reports a failing command with its stdout, in Tilt’s words', async () => {
    const t = setup();
    t.store.create(t.custom());
    t.processes.onStart = (p) => {
      p.output.stdout('half done\n');
      p.exit(3);
    };
    expect(await t.applier.apply('crd', signal)).toEqual({
      ok: false,
      error: 'apply command exited with status 3\nstdout:\nhalf done\n\n',
    });
  });

  it('reports output that is not YAML', async () => {
    const t = setup();
    t.store.create(t.custom());
    t.processes.onStart = (p) => {
      p.output.stdout('{');
      p.exit(0);
    };
    const r = await t.applier.apply('crd', signal);
    expect(r.ok ? '' : r.error).toMatch(
      /^apply command returned malformed YAML: .*\nstdout:\n\{\n$/s,
    );
  });

  it('undoes a deploy with the delete command instead of deleting the objects', async () => {
    const t = setup();
    t.store.create(t.custom());
    t.processes.onStart = (p) => {
      if (p.spec.argv[0] === 'sh') p.output.stdout(CONFIGMAP);
      p.output.stdout(p.spec.argv[0] === 'undeploy' ? 'gone\n' : '');
      p.exit(0);
    };
    await t.applier.apply('crd', signal);
    await t.applier.deleteApplied('crd', 'deleting disabled Kubernetes objects', false);
    const del = t.processes.find('undeploy');
    expect(del?.spec.env.KUBECONFIG).toBe('/tmp/kubeconfig');
    expect(t.logs.text('crd')).toContain(
      'Beginning deleting disabled Kubernetes objects\nRunning cmd: undeploy\ngone\n',
    );
  });

  it('keeps the head and tail of long output', () => {
    const s = `${'a'.repeat(300)}${'b'.repeat(300)}`;
    expect(overflowEllipsis(s)).toBe(
      `${'a'.repeat(250)}\n... [truncated by Tilt] ...\n${'b'.repeat(250)}`,
    );
  });
});
