import { describe, expect, test } from 'vitest';
import { deployment } from '../../k8s/testdata.ts';
import { applyOf, runK8s, yamlOf } from '../k8s-test-util.ts';
import { DIR, errorOf } from '../test-util.ts';

const CRD = `apiVersion: fission.io/v1
kind: Environment
metadata:
  name: mycrd
spec:
  runtime:
    image: test/mycrd-env
`;

function run(src: string, files: Record<string, string> = {}) {
  return runK8s(src, {
    files: { 'crd.yaml': CRD, 'env/Dockerfile': 'FROM alpine\n', ...files },
  });
}

describe('k8s_kind', () => {
  test('image_json_path makes the kind a workload and locates its image', () => {
    const r = run(
      "k8s_yaml('crd.yaml')\nk8s_kind('Environment', image_json_path='{.spec.runtime.image}')\ndocker_build('test/mycrd-env', 'env')\n",
    );
    expect(r.error).toBeUndefined();
    expect(r.resources.map((x) => x.name)).toEqual(['mycrd']);
    const spec = applyOf(r.objects, 'mycrd').spec;
    expect(spec.imageLocators).toEqual([
      {
        objectSelector: { kindRegexp: '(?i)Environment' },
        path: '{.spec.runtime.image}',
      },
    ]);
    expect(spec.imageMaps).toEqual(['test_mycrd-env']);
  });

  test('without a locator the kind is still a workload', () => {
    const r = run("k8s_yaml('crd.yaml')\nk8s_kind('Environment')\n");
    expect(r.resources.map((x) => x.name)).toEqual(['mycrd']);
  });

  test('an unmatched kind leaves the object uncategorized and the image unused', () => {
    const r = run(
      "k8s_yaml('crd.yaml')\nk8s_kind('fdas', image_json_path='{.spec.runtime.image}')\ndocker_build('test/mycrd-env', 'env')\n",
    );
    expect(r.resources.map((x) => x.name)).toEqual(['uncategorized']);
    expect(r.warnings).toContain(
      'No Kubernetes configs with images found.\nIf you are using CRDs, add k8s_kind() to tell Tilt how to find images.\nhttps://docs.tilt.dev/api.html#api.k8s_kind',
    );
  });

  test('image_object locates repo and tag fields', () => {
    const crd = CRD.replace(
      'image: test/mycrd-env',
      'img:\n      repo: test/mycrd-env\n      tag: v1',
    );
    const r = run(
      "k8s_yaml('crd.yaml')\nk8s_kind('Environment', image_object={'json_path': '{.spec.runtime.img}', 'repo_field': 'repo', 'tag_field': 'tag'})\ndocker_build('test/mycrd-env', 'env')\n",
      { 'crd.yaml': crd },
    );
    expect(r.error).toBeUndefined();
    expect(applyOf(r.objects, 'mycrd').spec.imageLocators?.[0]?.object).toEqual({
      repoField: 'repo',
      tagField: 'tag',
    });
  });

  test('argument errors', () => {
    expect(errorOf(run("k8s_kind('Environment', '{.spec}')\n"))).toContain(
      'k8s_kind: got 2 arguments, want at most 1',
    );
    expect(
      errorOf(
        run(
          "k8s_kind('Environment', image_json_path='{.a}', image_object={'json_path': '{.a}', 'repo_field': 'r', 'tag_field': 't'})\n",
        ),
      ),
    ).toContain('Cannot specify both image_json_path and image_object');
    expect(errorOf(run("k8s_kind('Environment', image_object={'json_path': '{.a}'})\n"))).toContain(
      "Expected dict of the form {'json_path': str, 'repo_field': str, 'tag_field': str}: Missing keys. Actual keys: [\"json_path\"]",
    );
    expect(errorOf(run("k8s_kind('*')\n"))).toContain('error parsing kind regexp');
    expect(errorOf(run("k8s_kind('Environment', pod_readiness='x')\n"))).toContain(
      'Invalid value. Allowed: {ignore, wait}. Got: x',
    );
  });

  test('pod_readiness on a kind applies to its resources', () => {
    const r = run("k8s_yaml('crd.yaml')\nk8s_kind('Environment', pod_readiness='ignore')\n");
    expect(r.resources[0]?.podReadinessMode).toBe('ignore');
  });
});

describe('k8s_image_json_path', () => {
  test('needs a kind, name or namespace', () => {
    expect(errorOf(run("k8s_image_json_path('{.a}')\n"))).toContain(
      'at least one of kind, name, or namespace must be specified',
    );
  });

  test('adds locators by object selector', () => {
    const r = run(
      "k8s_yaml('crd.yaml')\nk8s_image_json_path('{.spec.runtime.image}', name='mycrd')\ndocker_build('test/mycrd-env', 'env')\n",
    );
    expect(r.resources.map((x) => x.name)).toEqual(['mycrd']);
  });
});

describe('workload_to_resource_function', () => {
  const files = { 'foo.yaml': yamlOf(deployment('foo')), 'bar.yaml': yamlOf(deployment('bar')) };

  test('names resources', () => {
    const r = run(
      "k8s_yaml('foo.yaml')\ndef wtrf(id):\n  return 'hello-' + id.name + '-' + id.kind + '-' + id.group\nworkload_to_resource_function(wtrf)\n",
      files,
    );
    expect(r.resources.map((x) => x.name)).toEqual(['hello-foo-Deployment-apps']);
  });

  test('errors name the function position and the workload', () => {
    const src = (body: string) =>
      `k8s_yaml(['foo.yaml', 'bar.yaml'])\ndef wtrf(id):\n  ${body}\nworkload_to_resource_function(wtrf)\n`;
    expect(errorOf(run(src("return 1 + 'a'"), files))).toBe(
      `${DIR}/Tiltfile:2:1: error applying workload_to_resource_function: error determining resource name for 'foo:deployment:default:apps': unknown binary op: int + string`,
    );
    expect(errorOf(run(src('return 1'), files))).toBe(
      `${DIR}/Tiltfile:2:1: error applying workload_to_resource_function: error determining resource name for 'foo:deployment:default:apps': wtrf: invalid return value. wanted: string. got: starlark.Int`,
    );
    expect(errorOf(run(src("return 'baz'"), files))).toBe(
      `${DIR}/Tiltfile:2:1: error applying workload_to_resource_function: both 'bar:deployment:default:apps' and 'foo:deployment:default:apps' mapped to resource name 'baz'`,
    );
    expect(errorOf(run(src("return 'a/' + id.name"), files))).toBe(
      `invalid value "a/foo": may not contain '/'`,
    );
    expect(
      errorOf(run('def wtrf():\n  return 1\nworkload_to_resource_function(wtrf)\n')),
    ).toContain('workload_to_resource_function arg must take 1 argument. wtrf takes 0');
  });
});

describe('workload_to_resource_function with k8s_resource', () => {
  test('objects join the renamed resource', () => {
    const r = runK8s(
      "k8s_yaml(['foo.yaml', 's.yaml'])\ndef wtrf(id):\n  return 'hello-' + id.name\nworkload_to_resource_function(wtrf)\nk8s_resource('hello-foo', objects=['foo:secret'])\n",
      {
        files: {
          'foo.yaml': yamlOf(deployment('foo')),
          's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: foo\n',
        },
      },
    );
    expect(r.error).toBeUndefined();
    expect(r.resources.map((x) => x.name)).toEqual(['hello-foo']);
    expect(applyOf(r.objects, 'hello-foo').spec.yaml).toContain('kind: Secret');
  });

  test('two new resources of one name conflict', () => {
    const ns = (n: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${n}\n`;
    const r = runK8s(
      "k8s_yaml(['ns1.yaml', 'ns2.yaml'])\nk8s_resource(new_name='foo', objects=['ns1:namespace'])\nk8s_resource(new_name='foo', objects=['ns2:namespace'])\n",
      { files: { 'ns1.yaml': ns('ns1'), 'ns2.yaml': ns('ns2') } },
    );
    expect(errorOf(r)).toBe('k8s_resource named "foo" already exists');
  });
});
