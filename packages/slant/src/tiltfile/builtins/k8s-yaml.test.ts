import { describe, expect, test } from 'vitest';
import { deployment, service } from '../../k8s/testdata.ts';
import { applyOf, names, runK8s, WEB_YAML, yamlOf } from '../k8s-test-util.ts';
import { DIR, errorOf } from '../test-util.ts';

describe('k8s_yaml', () => {
  test('a path: the workload and its Service become one resource; the file is watched', () => {
    const r = runK8s("k8s_yaml('web.yaml')\n", { files: { 'web.yaml': WEB_YAML } });
    expect(r.error).toBeUndefined();
    expect(r.resources.map((x) => x.name)).toEqual(['web']);
    // Applied in Tilt's kind order: the Service before the Deployment.
    expect(applyOf(r.objects, 'web').spec.yaml).toBe(
      yamlOf(service('web', { app: 'web' }), deployment('web')),
    );
    expect(r.configFiles).toContain(`${DIR}/web.yaml`);
  });

  test('a list of paths and Blobs', () => {
    const r = runK8s("k8s_yaml(['a.yaml', read_file('b.yaml')])\n", {
      files: { 'a.yaml': yamlOf(deployment('a')), 'b.yaml': yamlOf(deployment('b')) },
    });
    expect(r.resources.map((x) => x.name)).toEqual(['a', 'b']);
  });

  test('None, an empty Blob and YAML with no objects are errors', () => {
    expect(errorOf(runK8s('k8s_yaml(None)\n'))).toContain('Empty YAML passed to k8s_yaml');
    expect(errorOf(runK8s("k8s_yaml(blob(''))\n"))).toContain('Empty YAML passed to k8s_yaml');
  });

  test('an empty path cannot be read', () => {
    expect(errorOf(runK8s("k8s_yaml('')\n"))).toContain('error reading yaml file');
  });

  test('a file that is not YAML of objects says so', () => {
    const r = runK8s("k8s_yaml('bar.yaml')\n", { files: { 'bar.yaml': 'im not yaml' } });
    expect(errorOf(r)).toContain(`${DIR}/bar.yaml is not a valid YAML file`);
  });

  test('a bad Blob names its source', () => {
    expect(errorOf(runK8s("k8s_yaml(blob('hi'))\n"))).toContain(
      'Error reading yaml from Tiltfile blob() call',
    );
  });

  test('a duplicate object fails with the stack of its first registration', () => {
    const r = runK8s("\nk8s_yaml('svc.yaml')\n", {
      files: {
        'svc.yaml': yamlOf(service('doggos', { app: 'x' }), service('doggos', { app: 'x' })),
      },
    });
    expect(errorOf(r)).toContain(
      `Duplicate YAML: Service doggos\nIgnore this error with k8s_yaml(..., allow_duplicates=True)\nYAML originally registered at: Traceback (most recent call last):\n    ${DIR}/Tiltfile:2:9: in <toplevel>\n    <builtin>: in k8s_yaml`,
    );
  });

  test('allow_duplicates=True keeps the later object', () => {
    const r = runK8s("k8s_yaml('svc.yaml', allow_duplicates=True)\n", {
      files: {
        'svc.yaml': yamlOf(service('doggos', { app: 'x' }), service('doggos', { app: 'y' })),
      },
    });
    expect(r.error).toBeUndefined();
    expect(names(r.objects, 'KubernetesApply')).toEqual(['uncategorized']);
  });
});

describe('filter_yaml', () => {
  const doggos = deployment('doggos');
  doggos.metadata = { name: 'doggos', labels: { app: 'doggos' } };
  const files = {
    'all.yaml': yamlOf(doggos, service('doggos', { app: 'doggos' }), deployment('snack')),
  };

  test('by labels, returning matching and rest Blobs', () => {
    const r = runK8s(
      "doggos, rest = filter_yaml('all.yaml', labels={'app': 'doggos'})\nk8s_yaml(doggos)\nprint(type(rest))\n",
      { files },
    );
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('blob\n');
    expect(r.resources.map((x) => x.name)).toEqual(['doggos']);
  });

  test('by kind and name regexps, case-insensitively', () => {
    const r = runK8s(
      "m, rest = filter_yaml('all.yaml', kind='DEPLOY', name='^snack$')\nk8s_yaml(m)\n",
      { files },
    );
    expect(r.resources.map((x) => x.name)).toEqual(['snack']);
  });

  test('no match gives an empty Blob that k8s_yaml rejects', () => {
    const r = runK8s("m, rest = filter_yaml('all.yaml', namespace='dne')\nk8s_yaml(m)\n", {
      files,
    });
    expect(errorOf(r)).toContain('Empty YAML passed to k8s_yaml');
  });
});
