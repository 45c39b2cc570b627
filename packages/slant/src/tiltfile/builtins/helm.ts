// helm(paths, name='', namespace='', values=[], set=[], kube_version='', skip_crds=False):
// renders a local chart with `helm template` and returns the YAML as a Blob (Tilt's files.go,
// helm.go). The chart directory, its file:// subcharts and the values files are watched.
import { posix } from 'node:path';
import { conv, type Kwargs, type Thread, unpackArgs, type Value } from '@slant/starlark';
import { parse } from 'yaml';
import { entityNamespaceRaw, type K8sEntity, withNamespace } from '../../k8s/entity.ts';
import { parseYAML, serializeSpecYAML } from '../../k8s/yaml.ts';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { fromStarString, starError, toStarString } from '../text.ts';
import { Blob, localPath, stringOrStringList } from '../value.ts';
import { runTool } from './k8s-exec.ts';

const HELM_SEPARATOR = '---\n';
const HELM_TEST_SOURCE = /^# Source: .*\/tests\//;

/** Drops the chart's test hooks (documents from templates/tests/) from `helm template` output. */
export function filterHelmTestYAML(blob: string): string {
  return blob
    .split(HELM_SEPARATOR)
    .filter((doc) => !doc.split('\n').some((line) => HELM_TEST_SOURCE.test(line)))
    .join(HELM_SEPARATOR);
}

export type HelmVersion = 'v3.0' | 'v3.1+';

/** `helm version --short` output → version; warnings may precede it, so the last line counts. */
export function parseHelmVersion(output: string): HelmVersion {
  const lines = output.trim().split('\n');
  const version = lines.length > 1 ? (lines[lines.length - 1] ?? '') : output;
  if (version.startsWith('v3.0.')) return 'v3.0';
  if (version.startsWith('v3.') || version.startsWith('3.') || version.startsWith('v4.')) {
    return 'v3.1+';
  }
  throw starError(`could not parse Helm version from string: ${JSON.stringify(output)}`);
}

export function helmNotFound(os: 'posix' | 'nt'): string {
  const binary = os === 'nt' ? 'helm.exe' : 'helm';
  return `Unable to find Helm installation. Make sure \`${binary}\` is on your $PATH.`;
}

/** file:// dependencies of a chart's requirements.yaml (local subcharts to watch). */
export function localSubchartDependencies(requirements: string): string[] {
  const doc = parse(requirements) as { dependencies?: { repository?: unknown }[] } | null;
  const deps: string[] = [];
  for (const d of doc?.dependencies ?? []) {
    if (typeof d?.repository === 'string' && d.repository.startsWith('file://')) {
      deps.push(d.repository.slice('file://'.length));
    }
  }
  return deps;
}

// Helm 3.0 leaves CRDs out of `helm template`: read the chart's crds/ directory ourselves.
function helmCRDs(run: TiltfileRun, dir: string): string[] {
  const info = run.host.fs.stat(dir);
  if (info === undefined || !info.isDir) return [];
  const out: string[] = [];
  for (const name of run.host.fs.readdir(dir)) {
    const p = posix.join(dir, name);
    const st = run.host.fs.stat(p);
    if (st?.isDir) out.push(...helmCRDs(run, p));
    else if (st?.isFile && /\.ya?ml$/i.test(name))
      out.push(run.host.fs.readFile(p).toString('utf8'));
  }
  return out;
}

function helmVersion(run: TiltfileRun, dir: string): HelmVersion {
  const r = runTool(
    run,
    { argv: ['helm', 'version', '--short'], dir, env: [] },
    { logCommand: false, allowNotFound: true },
  );
  if (r.notFound) throw starError(helmNotFound(run.host.osName));
  return parseHelmVersion(r.stdout);
}

function helm(run: TiltfileRun, thread: Thread, args: readonly Value[], kwargs: Kwargs | null) {
  const [
    chart = '',
    name = '',
    namespace = '',
    values = [],
    set = [],
    kubeVersion = '',
    skipCrds = false,
  ] = unpackArgs(
    'helm',
    args,
    kwargs,
    ['paths', localPath(run, thread)],
    ['name?', conv.string],
    ['namespace?', conv.string],
    ['values?', stringOrStringList],
    ['set?', stringOrStringList],
    ['kube_version?', conv.string],
    ['skip_crds?', conv.bool],
  );
  const info = run.host.fs.stat(chart);
  if (info === undefined) {
    throw starError(`Could not read Helm chart directory ${JSON.stringify(chart)}: does not exist`);
  }
  if (!info.isDir) {
    throw starError(
      `helm() may only be called on directories with Chart.yaml: ${JSON.stringify(chart)}`,
    );
  }
  run.recordRead(chart, true);
  const requirements = posix.join(chart, 'requirements.yaml');
  if (run.host.fs.exists(requirements)) {
    let deps: string[];
    try {
      deps = localSubchartDependencies(run.host.fs.readFile(requirements).toString('utf8'));
    } catch (err) {
      throw starError(`reading subchart deps: ${(err as Error).message}`);
    }
    for (const d of deps) run.recordRead(run.absPath(thread, toStarString(d)), true);
  }

  const cwd = run.currentDir(thread);
  const version = helmVersion(run, cwd);
  const argv = ['helm', 'template', name === '' ? 'chart' : fromStarString(name), chart];
  const ns = fromStarString(namespace);
  if (ns !== '') argv.push('--namespace', ns);
  if (kubeVersion !== '') argv.push('--kube-version', fromStarString(kubeVersion));
  if (!skipCrds && version === 'v3.1+') argv.push('--include-crds');
  for (const v of values) {
    argv.push('--values', fromStarString(v));
    run.recordRead(run.absPath(thread, v));
  }
  for (const s of set) argv.push('--set', fromStarString(s));

  const out = runTool(run, { argv, dir: cwd, env: [] }, { logCommand: true });
  let yaml = filterHelmTestYAML(out.stdout);
  if (version === 'v3.0')
    yaml = [yaml, ...helmCRDs(run, posix.join(chart, 'crds'))].join('\n---\n');
  if (ns !== '') {
    // `helm template --namespace` neither sets the namespace on objects nor creates it.
    let entities: K8sEntity[];
    try {
      entities = parseYAML(yaml);
    } catch (err) {
      throw starError((err as Error).message);
    }
    yaml = serializeSpecYAML(
      entities.map((e) => (entityNamespaceRaw(e) === '' ? withNamespace(e, ns) : e)),
    );
  }
  return new Blob(toStarString(yaml), `helm: ${chart}`);
}

export const helmBuiltins: readonly TiltDefinition[] = [{ name: 'helm', fn: helm }];
