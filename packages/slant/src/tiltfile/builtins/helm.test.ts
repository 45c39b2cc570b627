import { describe, expect, test } from 'vitest';
import { deployment } from '../../k8s/testdata.ts';
import { applyOf, runK8s, yamlOf } from '../k8s-test-util.ts';
import { DIR, errorOf } from '../test-util.ts';
import { filterHelmTestYAML, localSubchartDependencies, parseHelmVersion } from './helm.ts';

const CHART = { 'chart/Chart.yaml': 'apiVersion: v1\nname: chart\nversion: 0.1.0\n' };
const RENDERED = `---\n# Source: chart/templates/web.yaml\n${yamlOf(deployment('web'))}\n---\n# Source: chart/templates/tests/test.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: test\n`;

describe('helm', () => {
  test('runs helm template with Tilt’s flags and drops test hooks', () => {
    const r = runK8s(
      "k8s_yaml(helm('chart', name='rel', namespace='ns', values=['vals.yaml'], set=['a=b'], kube_version='1.30'))\n",
      {
        files: { ...CHART, 'vals.yaml': 'a: 1\n' },
        scripts: [
          { match: 'helm version --short', result: { stdout: 'v3.14.0+g1234\n' } },
          { match: /^helm template /, result: { stdout: RENDERED } },
        ],
      },
    );
    expect(r.error).toBeUndefined();
    expect(r.host.proc.calls[1]?.argv).toEqual([
      'helm',
      'template',
      'rel',
      `${DIR}/chart`,
      '--namespace',
      'ns',
      '--kube-version',
      '1.30',
      '--include-crds',
      '--values',
      'vals.yaml',
      '--set',
      'a=b',
    ]);
    expect(r.host.proc.calls[1]?.cwd).toBe(DIR);
    // The namespace is set on objects that have none; the test Pod is gone.
    const yaml = applyOf(r.objects, 'web').spec.yaml ?? '';
    expect(yaml).toContain('namespace: ns');
    expect(r.resources.map((x) => x.name)).toEqual(['web']);
    expect(r.configFiles).toEqual(expect.arrayContaining([`${DIR}/chart`, `${DIR}/vals.yaml`]));
    expect(r.out).toContain(`Running: helm template rel ${DIR}/chart --namespace ns`);
  });

  test('the release name defaults to chart; skip_crds drops --include-crds', () => {
    const r = runK8s("helm('chart', skip_crds=True)\n", {
      files: CHART,
      scripts: [
        { match: 'helm version --short', result: { stdout: 'v3.14.0\n' } },
        { match: /^helm template /, result: { stdout: '' } },
      ],
    });
    expect(r.host.proc.calls[1]?.argv).toEqual(['helm', 'template', 'chart', `${DIR}/chart`]);
  });

  test('a missing helm binary says what to install', () => {
    const r = runK8s("helm('chart')\n", { files: CHART });
    expect(errorOf(r)).toContain(
      'Unable to find Helm installation. Make sure `helm` is on your $PATH.',
    );
  });

  test('Helm 3.0 leaves CRDs out of helm template: the chart’s crds/ are appended', () => {
    const crd =
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n';
    const r = runK8s("k8s_yaml(helm('chart'))\n", {
      files: { ...CHART, 'chart/crds/thing.yaml': crd },
      scripts: [
        { match: 'helm version --short', result: { stdout: 'v3.0.3\n' } },
        { match: /^helm template /, result: { stdout: yamlOf(deployment('web')) } },
      ],
    });
    expect(r.error).toBeUndefined();
    expect(r.host.proc.calls[1]?.argv).not.toContain('--include-crds');
    expect(applyOf(r.objects, 'uncategorized').spec.yaml).toContain(
      'kind: CustomResourceDefinition',
    );
  });

  test('a missing or non-directory chart is an error', () => {
    expect(errorOf(runK8s("helm('helm')\n"))).toContain(
      `Could not read Helm chart directory "${DIR}/helm": does not exist`,
    );
    expect(errorOf(runK8s("helm('f')\n", { files: { f: '' } }))).toContain(
      `helm() may only be called on directories with Chart.yaml: "${DIR}/f"`,
    );
  });

  test('a failing helm template quotes its output', () => {
    const r = runK8s("helm('chart')\n", {
      files: CHART,
      scripts: [
        { match: 'helm version --short', result: { stdout: 'v3.14.0\n' } },
        { match: /^helm template /, result: { exitCode: 1, stderr: 'Error: bad chart\n' } },
      ],
    });
    expect(errorOf(r)).toContain(
      `command "helm template chart ${DIR}/chart --include-crds" failed.\nerror: exit status 1\nstdout:\n\nstderr:\nError: bad chart\n`,
    );
  });

  test('version parsing, test-hook filtering and local subcharts', () => {
    expect(parseHelmVersion('WARNING: x\nv3.0.2')).toBe('v3.0');
    expect(parseHelmVersion('v3.2.1')).toBe('v3.1+');
    expect(() => parseHelmVersion('vx.1.2')).toThrow(
      'could not parse Helm version from string: "vx.1.2"',
    );
    expect(filterHelmTestYAML('a\n---\n# Source: c/tests/t.yaml\nb\n')).toBe('a\n');
    expect(
      localSubchartDependencies(
        'dependencies:\n  - name: foobar\n    repository: file://./foobar\n  - name: etcd\n    repository: https://x/\n',
      ),
    ).toEqual(['./foobar']);
  });
});

describe('kustomize', () => {
  test('runs kustomize build with flags on the relative path', () => {
    const r = runK8s("k8s_yaml(kustomize('.', flags=['--enable-helm']))\n", {
      files: { 'kustomization.yaml': 'resources: []\n' },
      scripts: [
        {
          match: 'kustomize build --enable-helm .',
          result: { stdout: yamlOf(deployment('the-deployment')) },
        },
      ],
    });
    expect(r.error).toBeUndefined();
    expect(r.resources.map((x) => x.name)).toEqual(['the-deployment']);
    expect(r.out).toContain('Running: kustomize build --enable-helm .');
  });

  test('falls back to kubectl kustomize when kustomize is not installed', () => {
    const r = runK8s("k8s_yaml(kustomize('k8s'))\n", {
      files: { 'k8s/kustomization.yaml': 'resources: []\n' },
      scripts: [
        { match: /^kustomize /, result: { exitCode: -1, spawnError: 'spawn kustomize ENOENT' } },
        { match: 'kubectl kustomize k8s', result: { stdout: yamlOf(deployment('web')) } },
      ],
    });
    expect(r.error).toBeUndefined();
    expect(r.out).toContain(
      'Falling back to `kubectl kustomize` since `kustomize` was not found in PATH',
    );
  });

  test('kustomize_bin is used as given', () => {
    const r = runK8s("kustomize('.', kustomize_bin='/opt/kz')\n", {
      files: { 'kustomization.yaml': 'resources: []\n' },
      scripts: [{ match: '/opt/kz build .', result: { stdout: '' } }],
    });
    expect(r.error).toBeUndefined();
  });

  test('watches the kustomization and what it references, recursively', () => {
    const r = runK8s("kustomize('overlay')\n", {
      files: {
        'overlay/kustomization.yaml':
          'resources:\n- ../base\n- extra.yaml\npatches:\n- path: patch.yaml\nconfigMapGenerator:\n- name: c\n  files:\n  - app.properties\n',
        'base/Kustomization': 'resources:\n- deploy.yaml\n',
        'base/deploy.yaml': '',
      },
      scripts: [{ match: 'kustomize build overlay', result: { stdout: '' } }],
    });
    expect(r.error).toBeUndefined();
    expect(r.configFiles).toEqual(
      expect.arrayContaining([
        `${DIR}/base/deploy.yaml`,
        `${DIR}/base/Kustomization`,
        `${DIR}/overlay/extra.yaml`,
        `${DIR}/overlay/kustomization.yaml`,
        `${DIR}/overlay/patch.yaml`,
        `${DIR}/overlay/app.properties`,
      ]),
    );
  });

  test('a directory without a kustomization fails after the build', () => {
    const r = runK8s("kustomize('.')\n", {
      scripts: [{ match: 'kustomize build .', result: { stdout: '' } }],
    });
    expect(errorOf(r)).toContain(
      `resolving deps: unable to find one of [kustomization.yaml kustomization.yml Kustomization] in directory '${DIR}'`,
    );
  });
});
