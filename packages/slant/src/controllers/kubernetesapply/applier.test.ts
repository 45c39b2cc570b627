import { describe, expect, it } from 'vitest';
import { KubeError } from '../../k8s/client.ts';
import { parseYAML } from '../../k8s/yaml.ts';
import { DEPLOYMENT_YAML, fixture, imageMap, kubernetesApply, SERVICE_YAML } from './testing.ts';

const signal = new AbortController().signal;

interface Deployed {
  metadata: { uid?: string; resourceVersion?: string; labels?: Record<string, string> };
  spec: {
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        containers: {
          image?: string;
          imagePullPolicy?: string;
          command?: string[];
          args?: string[];
        }[];
      };
    };
  };
}

function deployed(f: ReturnType<typeof fixture>, kind: string): Deployed | undefined {
  return f.kube.all().find((o) => o.kind === kind) as Deployed | undefined;
}

describe('KubernetesApplier.apply', () => {
  it('injects the built image, Tilt labels and pull policy, applies, and writes status', async () => {
    const f = fixture();
    f.store.create(imageMap('web-image', 'web-image', 'localhost:5005/web-image:tilt-abc'));
    f.store.create(
      kubernetesApply(
        'web',
        { yaml: DEPLOYMENT_YAML, imageMaps: ['web-image'] },
        { managed: true },
      ),
    );

    expect(await f.applier.apply('web', signal)).toEqual({ ok: true });

    const d = deployed(f, 'Deployment');
    const container = d?.spec.template.spec.containers[0];
    expect(container?.image).toBe('localhost:5005/web-image:tilt-abc');
    expect(container?.imagePullPolicy).toBe('IfNotPresent');
    expect(d?.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'tilt' });
    expect(d?.spec.template.metadata.labels['app.kubernetes.io/managed-by']).toBe('tilt');
    expect(d?.spec.template.metadata.labels['tilt.dev/pod-template-hash']).toMatch(
      /^[0-9a-f]{20}$/,
    );

    const status = f.store.get('KubernetesApply', 'web')?.status;
    expect(status?.error).toBeUndefined();
    expect(status?.lastApplyTime).toBe('2024-01-01T00:00:00.000000Z');
    expect(status?.lastApplyStartTime).toBe('2024-01-01T00:00:00.000000Z');
    expect(status?.appliedInputHash).toMatch(/^[A-Za-z0-9_-]{27}=$/);
    const [result] = parseYAML(status?.resultYAML ?? '');
    expect((result?.metadata as { uid?: string } | undefined)?.uid).toBe(d?.metadata.uid);
    expect(f.logs.text('web')).toBe(
      '     Applying YAML to cluster\n     Objects applied to cluster:\n       → web:deployment\n',
    );
    expect(f.logs.entries[0]?.spanId).toBe('kubernetesapply:web');
  });

  it('at debug level (-d) lists the images injected, as Tilt does', async () => {
    const f = fixture({ debug: true });
    f.store.create(imageMap('web-image', 'web-image', 'localhost:5005/web-image:tilt-abc'));
    f.store.create(kubernetesApply('web', { yaml: DEPLOYMENT_YAML, imageMaps: ['web-image'] }, {}));
    f.store.create(kubernetesApply('svc', { yaml: SERVICE_YAML }, {}));
    expect(await f.applier.apply('web', signal)).toEqual({ ok: true });
    expect(await f.applier.apply('svc', signal)).toEqual({ ok: true });
    expect(f.logs.text('web')).toBe(
      '     Injecting images into Kubernetes YAML:\n' +
        '       → web:deployment: web-image ⇒ localhost:5005/web-image:tilt-abc\n' +
        '     Applying YAML to cluster\n     Objects applied to cluster:\n       → web:deployment\n',
    );
    expect(f.logs.text('svc')).toMatch(/^ {5}No images injected into Kubernetes YAML\n/);
  });

  it('re-applying unchanged inputs leaves the cluster objects untouched', async () => {
    const f = fixture();
    f.store.create(imageMap('web-image', 'web-image', 'localhost:5005/web-image:tilt-abc'));
    f.store.create(
      kubernetesApply(
        'web',
        { yaml: DEPLOYMENT_YAML, imageMaps: ['web-image'] },
        { managed: true },
      ),
    );
    await f.applier.apply('web', signal);
    const before = deployed(f, 'Deployment')?.metadata;
    await f.applier.apply('web', signal);
    const after = deployed(f, 'Deployment')?.metadata;
    expect(after?.uid).toBe(before?.uid);
    expect(after?.resourceVersion).toBe(before?.resourceVersion);
    expect(f.kube.applyCalls).toHaveLength(2);
  });

  it('reports an ImageMap that has not been built yet', async () => {
    const f = fixture();
    f.store.create(imageMap('web-image', 'web-image'));
    f.store.create(
      kubernetesApply(
        'web',
        { yaml: DEPLOYMENT_YAML, imageMaps: ['web-image'] },
        { managed: true },
      ),
    );
    expect(await f.applier.apply('web', signal)).toEqual({
      ok: false,
      error: 'internal error: missing image status',
    });
    expect(f.store.get('KubernetesApply', 'web')?.status?.error).toBe(
      'internal error: missing image status',
    );
    expect(f.kube.applyCalls).toEqual([]);
  });

  it('reports an image the YAML does not use', async () => {
    const f = fixture();
    f.store.create(imageMap('other', 'other-image', 'other-image:tilt-1'));
    f.store.create(
      kubernetesApply('web', { yaml: DEPLOYMENT_YAML, imageMaps: ['other'] }, { managed: true }),
    );
    expect(await f.applier.apply('web', signal)).toEqual({
      ok: false,
      error: 'Docker image missing from yaml: other',
    });
  });

  it('overrides command and args of the containers running the image', async () => {
    const f = fixture();
    const im = imageMap('web-image', 'web-image', 'web-image:tilt-1');
    im.spec.overrideCommand = { command: ['sleep'] };
    im.spec.overrideArgs = { args: ['3600'] };
    f.store.create(im);
    f.store.create(
      kubernetesApply(
        'web',
        { yaml: DEPLOYMENT_YAML, imageMaps: ['web-image'] },
        { managed: true },
      ),
    );
    await f.applier.apply('web', signal);
    const c = deployed(f, 'Deployment')?.spec.template.spec.containers[0];
    expect([c?.command, c?.args]).toEqual([['sleep'], ['3600']]);
  });

  it('puts the server error in status and lists what it tried to apply', async () => {
    const f = fixture();
    f.kube.applyHook = () =>
      new KubeError('Deployment.apps "web" is invalid: spec.selector: Required value', 422);
    f.store.create(kubernetesApply('web', { yaml: DEPLOYMENT_YAML }, { managed: true }));
    expect(await f.applier.apply('web', signal)).toEqual({
      ok: false,
      error: 'Deployment.apps "web" is invalid: spec.selector: Required value',
    });
    const status = f.store.get('KubernetesApply', 'web')?.status;
    expect(status?.resultYAML).toBeUndefined();
    expect(status?.appliedInputHash).toBeUndefined();
    expect(f.logs.text('web')).toBe(
      '     Applying YAML to cluster\n     Tried to apply objects to cluster:\n       → web:deployment\n',
    );
  });

  it('gives up on an object after spec.timeout, in Tilt words', async () => {
    const f = fixture();
    f.kube.hangApplies = true;
    f.store.create(
      kubernetesApply('web', { yaml: DEPLOYMENT_YAML, timeout: '1m0s' }, { managed: true }),
    );
    const outcome = f.applier.apply('web', signal);
    await new Promise((r) => setImmediate(r));
    expect(f.clock.pendingDelays()).toEqual([60_000]);
    f.clock.advance(60_000);
    expect(await outcome).toEqual({
      ok: false,
      error: 'Killed kubectl. Hit timeout of 1m0s applying Deployment/web.',
    });
  });

  it('deletes and re-creates an object whose immutable fields changed', async () => {
    const f = fixture();
    let failures = 1;
    f.kube.applyHook = () =>
      failures-- > 0
        ? new KubeError(
            'Job.batch "web" is invalid: spec.template: Invalid value: ...: field is immutable',
            422,
          )
        : undefined;
    f.store.create(kubernetesApply('web', { yaml: DEPLOYMENT_YAML }, { managed: true }));
    expect(await f.applier.apply('web', signal)).toEqual({ ok: true });
    expect(f.kube.deleteCalls).toEqual([
      [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'ns1' }],
    ]);
    expect(f.logs.text('web')).toBe(
      [
        '     Applying YAML to cluster',
        '     Updating "web" failed: Job.batch "web" is invalid: spec.template: Invalid value: ...: field is immutable',
        '     Attempting to delete and re-create',
        '     Updating "web" succeeded!',
        '     Objects applied to cluster:',
        '       → web:deployment',
        '',
      ].join('\n'),
    );
  });

  it('deletes objects a later apply no longer declares', async () => {
    const f = fixture();
    f.store.create(
      kubernetesApply('web', { yaml: `${DEPLOYMENT_YAML}---\n${SERVICE_YAML}` }, { managed: true }),
    );
    await f.applier.apply('web', signal);
    expect(f.kube.all().map((o) => o.kind)).toEqual(['Deployment', 'Service']);
    f.store.update({ ...kubernetesApply('web', { yaml: DEPLOYMENT_YAML }, { managed: true }) });
    f.logs.entries.length = 0;
    await f.applier.apply('web', signal);
    expect(f.kube.all().map((o) => o.kind)).toEqual(['Deployment']);
    expect(f.logs.text('web')).toBe(
      [
        '     Applying YAML to cluster',
        '     Objects applied to cluster:',
        '       → web:deployment',
        'Beginning garbage collecting removed Kubernetes objects',
        'Deleting kubernetes objects:',
        '→ Service/web',
        '',
      ].join('\n'),
    );
  });

  it('applies Services before Deployments', async () => {
    const f = fixture();
    f.store.create(
      kubernetesApply('web', { yaml: `${DEPLOYMENT_YAML}---\n${SERVICE_YAML}` }, { managed: true }),
    );
    await f.applier.apply('web', signal);
    expect(f.kube.applyCalls.map((c) => c.map((o) => o.kind))).toEqual([
      ['Service'],
      ['Deployment'],
    ]);
  });
});
