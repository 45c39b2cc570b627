import { describe, expect, test } from 'vitest';
import { deployment, object } from '../../k8s/testdata.ts';
import { applyOf, names, runK8s, WEB_YAML, yamlOf } from '../k8s-test-util.ts';
import { DIR, errorOf, runTiltfile } from '../test-util.ts';

const DOCKERFILE = { 'web/Dockerfile': 'FROM alpine\n' };

describe('k8s assembly', () => {
  test('a resource’s KubernetesApply: YAML without injected images, templates, disable source', () => {
    const r = runK8s("k8s_yaml('web.yaml')\ndocker_build('web-image', 'web')\n", {
      files: { 'web.yaml': WEB_YAML, ...DOCKERFILE },
    });
    expect(r.error).toBeUndefined();
    const ka = applyOf(r.objects, 'web');
    expect(ka.metadata).toEqual({
      name: 'web',
      annotations: {
        'tilt.dev/resource': 'web',
        'tilt.dev/log-span-id': 'kubernetesapply:web',
        'tilt.dev/managed-by': 'buildcontrol',
      },
    });
    expect({ ...ka.spec, yaml: undefined }).toEqual({
      yaml: undefined,
      cluster: 'default',
      timeout: '30s',
      imageMaps: ['web-image'],
      podLogStreamTemplateSpec: {
        ignoreContainers: ['istio-init', 'istio-proxy', 'linkerd-proxy', 'linkerd-init'],
      },
      disableSource: { configMap: { name: 'web-disable', key: 'isDisabled' } },
    });
    expect(ka.spec.yaml).toContain('image: web-image');
    expect(r.resources[0]?.imageMapDeps).toEqual(['web-image']);
    expect(r.warnings).toEqual([]);
  });

  test('every resource gets a disable ConfigMap, a ToggleButton, a stop-build UIButton and a UIResource', () => {
    const r = runK8s("k8s_yaml('web.yaml')\nk8s_resource('web', labels=['front'])\n", {
      files: { 'web.yaml': WEB_YAML },
    });
    const byKind = (k: string) => r.objects.filter((o) => o.kind === k);
    expect(byKind('ConfigMap')).toEqual([
      {
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'ConfigMap',
        metadata: { name: 'web-disable' },
        data: { isDisabled: 'false' },
      },
    ]);
    expect(byKind('ToggleButton')[0]).toMatchObject({
      metadata: { name: 'web-disable', annotations: { 'tilt.dev/uibutton-type': 'DisableToggle' } },
      spec: {
        location: { componentID: 'web', componentType: 'Resource' },
        on: { text: 'Enable Resource' },
        off: { text: 'Disable Resource', requiresConfirmation: true },
        stateSource: {
          configMap: { name: 'web-disable', key: 'isDisabled', onValue: 'true', offValue: 'false' },
        },
      },
    });
    expect(names(r.objects, 'UIButton')).toEqual(['web-stopbuild']);
    expect(byKind('UIResource')[0]).toMatchObject({
      metadata: {
        name: 'web',
        labels: { front: 'front' },
        annotations: { 'tilt.dev/resource': 'web' },
      },
      status: {
        disableStatus: {
          state: 'Pending',
          sources: [{ configMap: { name: 'web-disable', key: 'isDisabled' } }],
        },
      },
    });
  });

  test('objects no resource claims make the uncategorized resource, after local resources', () => {
    const r = runK8s("k8s_yaml('all.yaml')\nlocal_resource('loc', 'echo hi')\n", {
      files: { 'all.yaml': yamlOf(deployment('web'), object('Namespace', 'ns')) },
    });
    expect(r.error).toBeUndefined();
    expect(r.resources.map((x) => [x.name, x.type])).toEqual([
      ['web', 'k8s'],
      ['loc', 'local'],
      ['uncategorized', 'k8s'],
    ]);
    expect(r.resources[2]?.podReadinessMode).toBe('ignore');
    expect(applyOf(r.objects, 'uncategorized').spec.yaml).toBe(yamlOf(object('Namespace', 'ns')));
  });

  test('the default Cluster exists when anything deploys to Kubernetes, with default_registry', () => {
    const r = runK8s("default_registry('gcr.io/me')\nk8s_yaml('web.yaml')\n", {
      files: { 'web.yaml': WEB_YAML },
    });
    expect(r.error).toBeUndefined();
    expect(r.objects.filter((o) => o.kind === 'Cluster')).toEqual([
      {
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'Cluster',
        metadata: { name: 'default' },
        spec: {
          connection: { kubernetes: { context: 'kind-kind' } },
          defaultRegistry: { host: 'gcr.io/me' },
        },
      },
    ]);
    expect(runK8s("print('x')\n").objects.filter((o) => o.kind === 'Cluster')).toEqual([]);
  });

  test('an image built but used nowhere is a warning with suggestions', () => {
    const r = runK8s("k8s_yaml('web.yaml')\ndocker_build('web-imag', 'web')\n", {
      files: { 'web.yaml': WEB_YAML, ...DOCKERFILE },
    });
    expect(r.warnings).toEqual([
      'Image not used in any Kubernetes config:\n    ✕ web-imag\nDid you mean…\n    - web-image\nSkipping this image build\nIf this is deliberate, suppress this warning with: update_settings(suppress_unused_image_warnings=["web-imag"])',
    ]);
  });

  test('an image with no deploy config at all', () => {
    const r = runK8s("docker_build('web-image', 'web')\n", { files: DOCKERFILE });
    expect(r.warnings[0]).toBe(
      'We could not find any deployment instructions, e.g. `k8s_yaml` or `docker_compose`.\nSkipping all image builds until we know how to deploy them.',
    );
  });

  test('a resource with nothing to deploy is an error', () => {
    const r = runK8s(
      "k8s_yaml('ns.yaml')\nk8s_resource(new_name='x', objects=['ns'])\nk8s_resource(new_name='y', objects=['ns'])\n",
      {
        files: { 'ns.yaml': yamlOf(object('Namespace', 'ns')) },
      },
    );
    expect(errorOf(r)).toContain(
      'No object identified by the fragment "ns" could be found in remaining YAML.',
    );
  });
});

describe('k8s_custom_deploy', () => {
  test('apply/delete commands, deps watch and restartOn', () => {
    const r = runK8s(
      "k8s_custom_deploy('foo', apply_cmd='apply', delete_cmd=['delete', 'it'], apply_dir='apply-dir', apply_env={'K': '1'}, deps=['foo'])\nk8s_resource('foo', port_forwards=8000)\n",
    );
    expect(r.error).toBeUndefined();
    expect(r.resources.map((x) => x.name)).toEqual(['foo']);
    const spec = applyOf(r.objects, 'foo').spec;
    expect(spec.yaml).toBeUndefined();
    expect(spec.applyCmd).toEqual({
      args: ['sh', '-c', 'apply'],
      dir: `${DIR}/apply-dir`,
      env: ['K=1'],
    });
    expect(spec.deleteCmd).toEqual({ args: ['delete', 'it'], dir: DIR, env: [] });
    expect(spec.restartOn).toEqual({ fileWatches: ['foo:apply'] });
    expect(spec.portForwardTemplateSpec?.forwards).toHaveLength(1);
    const fw = r.objects.find((o) => o.kind === 'FileWatch');
    expect(fw).toMatchObject({
      metadata: {
        name: 'k8s:foo',
        annotations: { 'tilt.dev/resource': 'foo', 'tilt.dev/target-id': 'k8s:foo' },
      },
      spec: { watchedPaths: [`${DIR}/foo`] },
    });
  });

  test('a name already used by a resource is an error', () => {
    expect(
      errorOf(
        runK8s(
          "local_resource('foo', 'echo')\nk8s_custom_deploy('foo', apply_cmd='a', delete_cmd='d', deps=[])\n",
        ),
      ),
    ).toContain('error making resource for foo: local_resource named "foo" already exists');
    expect(
      errorOf(
        runK8s(
          "k8s_custom_deploy('foo', apply_cmd='a', delete_cmd='d', deps=[])\nk8s_custom_deploy('foo', apply_cmd='a', delete_cmd='d', deps=[])\n",
        ),
      ),
    ).toContain('error making resource for foo: k8s_resource named "foo" already exists');
  });

  test('empty commands and missing image deps are errors', () => {
    expect(
      errorOf(runK8s("k8s_custom_deploy('foo', apply_cmd='', delete_cmd='d', deps=[])\n")),
    ).toContain('k8s_custom_deploy: apply_cmd cannot be empty');
    expect(
      errorOf(runK8s("k8s_custom_deploy('foo', apply_cmd='a', delete_cmd='', deps=[])\n")),
    ).toContain('k8s_custom_deploy: delete_cmd cannot be empty');
    expect(
      errorOf(
        runK8s(
          "k8s_custom_deploy('foo', apply_cmd='a', delete_cmd='d', deps=[], image_deps=['gcr.io/x'])\n",
        ),
      ),
    ).toBe('resource "foo": image build "gcr.io/x" not found');
  });

  test('live_update needs exactly one selector', () => {
    const lu = "live_update=[sync('.', '/app')]";
    expect(errorOf(runK8s(`k8s_custom_deploy('foo', 'a', 'd', deps=[], ${lu})\n`))).toContain(
      'k8s_custom_deploy: no Live Update selector specified',
    );
    expect(
      errorOf(
        runK8s(
          `k8s_custom_deploy('foo', 'a', 'd', deps=[], image_selector='x', container_selector='c', ${lu})\n`,
        ),
      ),
    ).toContain('k8s_custom_deploy: cannot specify more than one Live Update selector');
    const r = runK8s(
      `k8s_custom_deploy('foo', 'a', 'd', deps=['.'], image_selector='foo-img', ${lu})\n`,
    );
    expect(r.error).toBeUndefined();
    // The stand-in image is live-update-only: the apply doesn't wait for an ImageMap.
    expect(r.resources[0]?.imageMapDeps).toEqual(['foo-img']);
    expect(applyOf(r.objects, 'foo').spec.imageMaps).toBeUndefined();
    expect(
      r.objects.find((o) => o.kind === 'FileWatch' && o.metadata.name === 'k8s:foo'),
    ).toMatchObject({
      spec: {
        ignores: [{ basePath: DIR, patterns: ['.'] }],
      },
    });
  });

  test('container_selector: a stand-in image named after the resource, selected by container name', () => {
    const r = runK8s(
      "k8s_custom_deploy('foo', 'a', 'd', deps=['.'], container_selector='bar', live_update=[sync('.', '/app')])\n",
    );
    expect(r.error).toBeUndefined();
    expect(r.resources[0]?.imageMapDeps).toEqual(['k8s_custom_deploy:foo']);
    const lu = r.objects.find((o) => o.kind === 'LiveUpdate');
    expect(lu).toMatchObject({
      spec: { selector: { kubernetes: { applyName: 'foo', containerName: 'bar' } } },
    });
  });
});

describe('enabled resources', () => {
  test('Tiltfile args choose the enabled resources (plus their deps); the rest start disabled', () => {
    const r = runK8s(
      "k8s_yaml(['web.yaml', 'api.yaml', 'db.yaml'])\nk8s_resource('web', resource_deps=['api'])\n",
      {
        files: {
          'web.yaml': WEB_YAML,
          'api.yaml': yamlOf(deployment('api')),
          'db.yaml': yamlOf(deployment('db')),
        },
        args: ['web'],
      },
    );
    expect(
      r.objects
        .filter((o) => o.kind === 'ConfigMap')
        .map((o) => [o.metadata.name, (o as { data?: unknown }).data]),
    ).toEqual([
      ['web-disable', { isDisabled: 'false' }],
      ['api-disable', { isDisabled: 'false' }],
      ['db-disable', { isDisabled: 'true' }],
    ]);
  });
});

describe('KubernetesApply settings', () => {
  test('update_settings: upsert timeout and server-side apply', () => {
    const r = runK8s(
      "update_settings(k8s_upsert_timeout_secs=90, k8s_server_side_apply='true')\nk8s_yaml('web.yaml')\n",
      { files: { 'web.yaml': WEB_YAML } },
    );
    expect(r.error).toBeUndefined();
    const spec = applyOf(r.objects, 'web').spec;
    expect(spec.timeout).toBe('1m30s');
    expect(spec.serverSideApply).toBe(true);
  });

  test('pod logs are streamed from the process start time', () => {
    const r = runTiltfile("k8s_yaml('web.yaml')\n", {
      files: { 'web.yaml': WEB_YAML },
      load: { startTime: '2026-01-02T03:04:05Z' },
    });
    expect(applyOf(r.objects, 'web').spec.podLogStreamTemplateSpec?.sinceTime).toBe(
      '2026-01-02T03:04:05Z',
    );
  });

  test('Jobs wait for success, CronJobs are not waited on', () => {
    const job = (kind: string, apiVersion = 'batch/v1') =>
      `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${kind.toLowerCase()}\nspec:\n  template:\n    spec:\n      containers:\n      - name: m\n        image: img\n`;
    const r = runK8s("k8s_yaml(['job.yaml', 'cron.yaml'])\n", {
      files: { 'job.yaml': job('Job'), 'cron.yaml': job('CronJob') },
    });
    expect(r.resources.map((x) => [x.name, x.podReadinessMode])).toEqual([
      ['job', 'succeeded'],
      ['cronjob', 'ignore'],
    ]);
  });
});
