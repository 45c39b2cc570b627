// Re-checks the broken-Tiltfile tables against a real Tilt binary (not part of the test run: Tilt
// is not installed in CI). Each case is written to a temporary project, run with
// `tilt alpha tiltfile-result`, and Tilt's stderr must contain the case's error text and
// location. Scripted processes (local/helm/kustomize) are not replayed: those cases are
// reported as skipped unless a directory of fake binaries is given.
//
//   node integration/tiltfiles-broken/verify-with-tilt.ts /path/to/tilt [fake-bin-dir]
//
// The kube context is a kind-kind context on a loopback server (a dev cluster), or a production
// one for cases that set `kube`; Tilt never contacts the cluster while loading. Tilt names a
// dependency cycle from a node picked in Go map order, so cycles of 3 may start elsewhere.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrokenCase } from './case.ts';
import { ARGS_CASES } from './cases-args.ts';
import { BUILD_CASES } from './cases-build.ts';
import { DATA_CASES } from './cases-data.ts';
import { K8S_CASES } from './cases-k8s.ts';
import { MORE_CASES } from './cases-more.ts';
import { STARLARK_CASES } from './cases-starlark.ts';

const [tilt, fakeBin] = process.argv.slice(2);
if (tilt === undefined) {
  console.error('usage: verify-with-tilt.ts TILT_BINARY [FAKE_BIN_DIR]');
  process.exit(2);
}

function kubeconfig(context: string, server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${context}`,
    // Tilt recognises dev clusters by the cluster's name (kind-*), so it matches the context's.
    `clusters: [{name: ${context}, cluster: {server: '${server}'}}]`,
    `contexts: [{name: ${context}, context: {cluster: ${context}, user: u, namespace: default}}]`,
    'users: [{name: u, user: {token: x}}]',
    '',
  ].join('\n');
}

const root = mkdtempSync(join(tmpdir(), 'slant-broken-'));
writeFileSync(join(root, 'dev.kubeconfig'), kubeconfig('kind-kind', 'https://127.0.0.1:6443'));
const all: BrokenCase[] = [
  ...STARLARK_CASES,
  ...ARGS_CASES,
  ...DATA_CASES,
  ...BUILD_CASES,
  ...K8S_CASES,
  ...MORE_CASES,
];
let failed = 0;
let skipped = 0;
all.forEach((c, i) => {
  if (c.scripts !== undefined && fakeBin === undefined) {
    skipped++;
    return;
  }
  const dir = join(root, String(i));
  for (const [p, text] of Object.entries({ Tiltfile: c.tiltfile, ...c.files })) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  let kc = join(root, 'dev.kubeconfig');
  if (c.kube !== undefined) {
    kc = join(dir, '.kubeconfig');
    writeFileSync(kc, kubeconfig(c.kube.context, c.kube.clusterServer ?? 'https://34.1.2.3'));
  }
  const args = c.args === undefined || c.args.length === 0 ? [] : ['--', ...c.args];
  const r = spawnSync(tilt, ['alpha', 'tiltfile-result', '-f', 'Tiltfile', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      HOME: join(root, 'home'),
      KUBECONFIG: kc,
      PATH: [fakeBin, '/usr/bin', '/bin'].filter((x) => x !== undefined).join(':'),
    },
  });
  // Paths in the tables are relative to the project directory.
  const err = (r.stderr ?? '').replaceAll(`${dir}/`, '');
  const ok = r.status === 5 && err.includes(c.error) && (c.at === null || err.includes(`${c.at}:`));
  if (!ok) {
    failed++;
    console.log(`MISMATCH ${c.name} (exit ${r.status})\n  want ${c.at}: ${c.error}\n  tilt ${err}`);
  }
});
rmSync(root, { recursive: true, force: true });
console.log(`${all.length - failed - skipped} match, ${failed} differ, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
