// Compares corpus scenarios with a real Tilt binary (a dev tool: Tilt is not installed in CI).
// Each scenario is copied to a temporary directory and run with `tilt alpha tiltfile-result`;
// helm, kustomize and docker answer from the scenario's processes.json through fake binaries
// (local() commands run for real, so scenarios that script local() may differ; Tilt orders
// Compose services with equal dependencies in map order, so compose-stack may differ by order). Compared:
// the error, resource names and order, config files, labels, and per resource the apply YAML's
// objects and images, imageMaps, port forwards, image locators, discovery templates, live
// update syncs/execs and DockerImage/CmdImage specs.
//
//   node integration/tiltfiles/compare-with-tilt.ts /path/to/tilt [scenario...]
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

type Json = Record<string, any>;
const HERE = dirname(fileURLToPath(import.meta.url));
const [tilt, ...only] = process.argv.slice(2);
if (tilt === undefined) {
  console.error('usage: compare-with-tilt.ts TILT_BINARY [scenario...]');
  process.exit(2);
}
const root = mkdtempSync(join(tmpdir(), 'slant-corpus-'));
writeFileSync(join(root, 'kubeconfig'), [
  'apiVersion: v1', 'kind: Config', 'current-context: kind-kind',
  "clusters: [{name: kind-kind, cluster: {server: 'https://127.0.0.1:6443'}}]",
  'contexts: [{name: kind-kind, context: {cluster: kind-kind, user: u, namespace: default}}]',
  'users: [{name: u, user: {token: x}}]', ''].join('\n'));

/** Fake helm/kustomize/kubectl/docker answering from processes.json (first match wins, like the test). */
function fakeBin(dir: string, scenario: string): string {
  const bin = join(dir, '.fakebin');
  mkdirSync(bin, { recursive: true });
  const replay = join(bin, 'replay.mjs');
  writeFileSync(replay, `import { readFileSync } from 'node:fs';
let specs = [];
try { specs = JSON.parse(readFileSync(${JSON.stringify(join(HERE, scenario, 'processes.json'))}, 'utf8')); } catch {}
const line = process.argv.slice(2).join(' ');
for (const s of specs) {
  if (s.regexp ? new RegExp(s.match).test(line) : s.match === line) {
    process.stdout.write(s.stdout ?? ''); process.stderr.write(s.stderr ?? ''); process.exit(s.exitCode ?? 0);
  }
}
process.stderr.write('no script for: ' + line + '\\n'); process.exit(127);
`);
  // Only the tools the scenario scripts exist (kustomize-fallback needs kustomize to be absent);
  // `sh -c` commands of local() are left to the real shell.
  let specs: Json[] = [];
  try { specs = JSON.parse(readFileSync(join(HERE, scenario, 'processes.json'), 'utf8')); } catch {}
  const tools = new Set(specs.map((s) => String(s.match).replace(/^\^/, '').split(' ')[0]!).filter((t) => t !== 'sh'));
  for (const tool of tools) {
    const p = join(bin, tool);
    writeFileSync(p, `#!/bin/sh\nexec "${process.execPath}" "${replay}" ${tool} "$@"\n`);
    chmodSync(p, 0o755);
  }
  return bin;
}

function docsOf(yaml: string): { ids: string[]; images: string[] } {
  const ids: string[] = [];
  const images: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object')
      for (const [k, w] of Object.entries(v)) {
        if ((k === 'image' || k === 'repository') && typeof w === 'string') images.push(w);
        walk(w);
      }
  };
  for (const d of parseAllDocuments(yaml)) {
    const o = d.toJS() as Json | null;
    if (o === null) continue;
    ids.push(`${o.kind}:${o.metadata?.name ?? ''}`);
    walk(o);
  }
  return { ids, images };
}

function compare(name: string): string[] {
  const dir = join(root, name);
  cpSync(join(HERE, name), dir, { recursive: true });
  let args: string[] = [];
  try { args = JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')); } catch {}
  const r = spawnSync(tilt!, ['alpha', 'tiltfile-result', '-f', 'Tiltfile', ...(args.length > 0 ? ['--', ...args] : [])], {
    cwd: dir, encoding: 'utf8', timeout: 120_000,
    env: { HOME: join(root, 'home'), KUBECONFIG: join(root, 'kubeconfig'), USER: 'dev',
      PATH: `${fakeBin(dir, name)}:/usr/bin:/bin` },
  });
  const rel = (s: string) => s.replaceAll(dir, '$DIR');
  const want = JSON.parse(readFileSync(join(HERE, name, 'expected.json'), 'utf8')) as Json;
  const diffs: string[] = [];
  const cmp = (label: string, a: unknown, b: unknown) => {
    const [x, y] = [JSON.stringify(a ?? null), JSON.stringify(b ?? null)];
    if (x !== y) diffs.push(`${label}\n    tilt:  ${x.slice(0, 600)}\n    slant: ${y.slice(0, 600)}`);
  };
  if (r.status !== 0) {
    const err = rel(r.stderr).split('\n').filter((l) => !l.startsWith('Loading Tiltfile at:')).join('\n').trim();
    if (want.error === null || !err.includes(want.error.trim())) cmp('error', err, want.error);
    return diffs;
  }
  const got = JSON.parse(rel(r.stdout)) as Json;
  const objs = new Map((want.objects as Json[]).map((o) => [`${o.kind}/${o.metadata.name}`, o]));
  cmp('error', null, want.error);
  cmp('resources', got.Manifests.map((m: Json) => m.Name), want.resources);
  cmp('configFiles', got.ConfigFiles, want.configFiles);
  for (const m of got.Manifests as Json[]) {
    const n = m.Name;
    cmp(`${n} labels`, Object.keys(m.Labels ?? {}).sort(), Object.keys(objs.get(`UIResource/${n}`)?.metadata.labels ?? {}).sort());
    const dt = m.DeployTarget ?? {};
    if (typeof dt.yaml === 'string') {
      const ka = objs.get(`KubernetesApply/${n}`)?.spec ?? {};
      const [a, b] = [docsOf(dt.yaml), docsOf(ka.yaml ?? '')];
      cmp(`${n} apply objects`, a.ids, b.ids);
      cmp(`${n} apply images`, a.images, b.images);
      for (const f of ['imageMaps', 'portForwardTemplateSpec', 'imageLocators', 'kubernetesDiscoveryTemplateSpec', 'applyCmd', 'deleteCmd'])
        cmp(`${n} ${f}`, dt[f], ka[f]);
    }
    for (const it of (m.ImageTargets ?? []) as Json[]) {
      const lu = it.LiveUpdateSpec ?? {};
      if (lu.syncs !== undefined || lu.execs !== undefined) {
        const spec = objs.get(`LiveUpdate/${it.LiveUpdateName}`)?.spec ?? {};
        for (const f of ['syncs', 'execs', 'stopPaths', 'restart']) cmp(`${n} live update ${f}`, lu[f], spec[f]);
      }
      const bd = it.BuildDetails ?? {};
      if (it.DockerImageName) {
        const spec = objs.get(`DockerImage/${it.DockerImageName}`)?.spec ?? {};
        for (const f of ['dockerfileContents', 'context', 'args', 'target', 'contextIgnores'])
          cmp(`${n} DockerImage ${f}`, bd[f], spec[f]);
      }
      if (it.CmdImageName) {
        const spec = objs.get(`CmdImage/${it.CmdImageName}`)?.spec ?? {};
        for (const f of ['args', 'dir', 'outputMode', 'outputTag', 'outputsImageRefTo'])
          cmp(`${n} CmdImage ${f}`, bd[f], spec[f]);
      }
    }
  }
  return diffs;
}

const names = only.length > 0 ? only : readdirSync(HERE).filter((n) => statSync(join(HERE, n)).isDirectory());
let differ = 0;
for (const n of names) {
  const diffs = compare(n);
  if (diffs.length > 0) differ++;
  console.log(`${n}: ${diffs.length === 0 ? 'same' : 'DIFFERENT'}${diffs.map((d) => `\n  ${d}`).join('')}`);
}
rmSync(root, { recursive: true, force: true });
console.log(`${names.length - differ} same, ${differ} different`);
