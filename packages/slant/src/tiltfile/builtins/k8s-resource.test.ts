import { describe, expect, test } from 'vitest';
import { deployment, object } from '../../k8s/testdata.ts';
import { applyOf, runK8s, WEB_YAML, yamlOf } from '../k8s-test-util.ts';
import { DIR, errorOf } from '../test-util.ts';

const files = {
  'web.yaml': WEB_YAML,
  'api.yaml': yamlOf(deployment('api')),
  'cm.yaml': yamlOf(object('ConfigMap', 'settings'), object('Secret', 'creds')),
};

function run(src: string) {
  return runK8s(`k8s_yaml(['web.yaml', 'api.yaml', 'cm.yaml'])\n${src}`, { files });
}

describe('k8s_resource', () => {
  test('port_forwards in every form become the port-forward template (host defaults to localhost)', () => {
    const r = run(
      "k8s_resource('web', port_forwards=[8000, '9000', '9001:80', '0.0.0.0:9002:81', port_forward(9003, 82, name='dbg', link_path='/v1')])\n",
    );
    expect(r.error).toBeUndefined();
    expect(applyOf(r.objects, 'web').spec.portForwardTemplateSpec).toEqual({
      forwards: [
        { localPort: 8000, containerPort: 0, host: 'localhost' },
        { localPort: 9000, containerPort: 0, host: 'localhost' },
        { localPort: 9001, containerPort: 80, host: 'localhost' },
        { localPort: 9002, containerPort: 81, host: '0.0.0.0' },
        { localPort: 9003, containerPort: 82, host: 'localhost', name: 'dbg', path: 'v1' },
      ],
    });
  });

  test('calls on one resource aggregate', () => {
    const r = run(
      "k8s_resource('web', port_forwards=8000, labels='a', links='a.com')\nk8s_resource('web', port_forwards=8001, labels=['b'], links=link('http://b', 'B'), resource_deps=['api'])\n",
    );
    expect(r.error).toBeUndefined();
    const web = r.resources.find((x) => x.name === 'web');
    expect(web?.labels).toEqual(['a', 'b']);
    expect(web?.links).toEqual([
      { url: 'http://a.com', name: '' },
      { url: 'http://b', name: 'B' },
    ]);
    expect(web?.resourceDeps).toEqual(['api']);
    expect(
      applyOf(r.objects, 'web').spec.portForwardTemplateSpec?.forwards.map((f) => f.localPort),
    ).toEqual([8000, 8001]);
  });

  test('an unknown workload lists the known resources', () => {
    expect(errorOf(run("\nk8s_resource('bar', new_name='baz')\n"))).toBe(
      `${DIR}/Tiltfile:3:13: k8s_resource specified unknown resource "bar". known k8s resources: web, api`,
    );
  });

  test('new_name renames, twice', () => {
    const r = run("k8s_resource('web', new_name='bar')\nk8s_resource('bar', new_name='baz')\n");
    expect(r.resources.map((x) => x.name)).toEqual(['baz', 'api', 'uncategorized']);
  });

  test('renaming onto an existing resource fails', () => {
    expect(errorOf(run("k8s_resource('web', new_name='api')\n"))).toContain(
      'k8s_resource specified to rename "web" to "api": k8s_resource named "api" already exists',
    );
  });

  test('objects + new_name make a resource of non-workload objects; the rest stays uncategorized', () => {
    const r = run("k8s_resource(new_name='config', objects=['settings:configmap'])\n");
    expect(r.resources.map((x) => x.name)).toEqual(['web', 'api', 'config', 'uncategorized']);
    expect(applyOf(r.objects, 'config').spec.yaml).toContain('name: settings');
    expect(applyOf(r.objects, 'uncategorized').spec.yaml).toContain('name: creds');
    expect(r.resources.find((x) => x.name === 'config')?.podReadinessMode).toBe('ignore');
    expect(r.resources.find((x) => x.name === 'web')?.podReadinessMode).toBe('wait');
  });

  test('argument errors', () => {
    expect(errorOf(run("k8s_resource('', port_forwards=8000)\n"))).toContain(
      'Resource name missing. Must give a name for an existing resource or a new_name to create a new resource.',
    );
    expect(errorOf(run("k8s_resource(new_name='x')\n"))).toContain(
      "k8s_resource doesn't specify a workload or any objects. All non-workload resources must specify 1 or more objects",
    );
    expect(errorOf(run("k8s_resource('web', port_forwards='abc')\n"))).toContain(
      'k8s_resource "web": portForward port value "abc" is not in the valid range [0-65535]',
    );
    expect(errorOf(run("k8s_resource('web', pod_readiness='foo')\n"))).toContain(
      'k8s_resource: for parameter "pod_readiness": Invalid value. Allowed: {ignore, wait}. Got: foo',
    );
    expect(errorOf(run("k8s_resource('web', discovery_strategy='foo')\n"))).toContain(
      'k8s_resource: for parameter "discovery_strategy": Invalid. Must be one of: "default", "selectors-only"',
    );
    expect(errorOf(run("k8s_resource('web', extra_pod_selectors='foo')\n"))).toContain(
      'pod labels must be a dict or a list; got starlark.String',
    );
    expect(errorOf(run("k8s_resource('web', trigger_mode=1)\n"))).toContain(
      'k8s_resource: for parameter "trigger_mode": got int, want TriggerMode',
    );
  });

  test('extra_pod_selectors, discovery_strategy and pod_readiness reach the KubernetesApply', () => {
    const r = run(
      "k8s_resource('web', extra_pod_selectors=[{'app': 'x'}], discovery_strategy='selectors-only', pod_readiness='ignore')\n",
    );
    const spec = applyOf(r.objects, 'web').spec;
    expect(spec.kubernetesDiscoveryTemplateSpec).toEqual({
      extraSelectors: [{ matchLabels: { app: 'x' } }],
    });
    expect(spec.discoveryStrategy).toBe('selectors-only');
    expect(r.resources.find((x) => x.name === 'web')?.podReadinessMode).toBe('ignore');
  });

  test('trigger_mode and auto_init combine; the global trigger_mode() is the default', () => {
    const r = run(
      "trigger_mode(TRIGGER_MODE_MANUAL)\nk8s_resource('web', auto_init=False)\nk8s_resource('api', trigger_mode=TRIGGER_MODE_AUTO)\n",
    );
    expect(r.resources.map((x) => [x.name, x.triggerMode])).toEqual([
      ['web', 'manual'],
      ['api', 'auto'],
      ['uncategorized', 'auto'],
    ]);
  });
});

test('auto_init=False on an auto resource waits for a manual start', () => {
  const r = run(
    "k8s_resource('web', auto_init=False)\nk8s_resource('api', trigger_mode=TRIGGER_MODE_MANUAL)\n",
  );
  expect(r.resources.map((x) => [x.name, x.triggerMode])).toEqual([
    ['web', 'auto_with_manual_init'],
    ['api', 'manual_with_auto_init'],
    ['uncategorized', 'auto'],
  ]);
  expect(errorOf(run("k8s_resource('web', auto_init=1)\n"))).toContain(
    'k8s_resource: for parameter "auto_init": expected starlark.Bool or None, got starlark.Int',
  );
});

describe('resource_deps', () => {
  test('an unknown dependency is dropped with a warning', () => {
    const r = run("k8s_resource('web', resource_deps=['nope', 'api'])\n");
    expect(r.warnings).toContain(
      'resource web specified a dependency on unknown resource nope - dependency ignored',
    );
    expect(r.resources.find((x) => x.name === 'web')?.resourceDeps).toEqual(['api']);
  });

  test('a dependency on itself or a cycle fails', () => {
    expect(errorOf(run("k8s_resource('web', resource_deps=['web'])\n"))).toBe(
      'resource web specified a dependency on itself',
    );
    expect(
      errorOf(
        run(
          "k8s_resource('web', resource_deps=['api'])\nk8s_resource('api', resource_deps=['web'])\n",
        ),
      ),
    ).toBe('cycle detected in resource dependency graph: web -> api -> web');
  });
});
