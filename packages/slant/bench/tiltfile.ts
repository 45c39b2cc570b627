// `npm run bench:tiltfile [-- --resources N --runs N]`: loads a generated Tiltfile of N services
// (Kubernetes YAML, docker_build with live_update, local_resources, a shared library loaded with
// load()) through the loader and assembly into resources and API objects, and prints medians:
// - re-load: the project written to disk, loaded again and again in one process, as `slant up`
//   re-runs the Tiltfile on every change: the first re-loads (2-6, V8 still optimizing the loader)
//   and the warm ones after them (median of --runs);
// - with TILT_BIN set to a tilt binary, both CLIs' `alpha tiltfile-result -v` on the same project
//   (tiltfile-side.ts): the load time each reports, and the whole process.
// The npm script runs this with the V8 flags `slant up` runs with (bin/slant.js), so the re-load is
// timed as the engine does it. Tilt's own figure is its first load in a fresh process: Go has no
// JIT warm-up, and its re-runs in `tilt up` measured no faster (78-121 ms against 85 ms here).
import { parseArgs } from 'node:util';
import { runTiltfileOnHost } from '../src/app.ts';
import { median as medianOf, sideBySide, writeProject } from './tiltfile-side.ts';

const { values } = parseArgs({
  options: {
    resources: { type: 'string', default: '100' },
    runs: { type: 'string', default: '10' },
  },
});
const n = Number(values.resources);
const runs = Math.max(1, Number(values.runs));
const DIR = '/bench/project';
// Re-loads 2-6 of a process, while V8 still optimizes the loader; the timed ones come after.
const EARLY_RELOADS = 5;

function deploymentYAML(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  labels: {app: svc-${i}}
spec:
  replicas: 1
  selector:
    matchLabels: {app: svc-${i}}
  template:
    metadata:
      labels: {app: svc-${i}}
    spec:
      containers:
      - name: app
        image: registry.local/svc-${i}
        ports:
        - containerPort: 8080
        env:
        - {name: INDEX, value: "${i}"}
---
apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
spec:
  selector: {app: svc-${i}}
  ports:
  - port: 80
    targetPort: 8080
`;
}

function tiltfile(): string {
  return `load('lib/helpers.star', 'service')
settings = read_yaml('settings.yaml', default={})
for i in range(${n}):
    service(i, settings.get('labels', ['bench']))
`;
}

const helpers = `def service(i, labels):
    name = 'svc-%d' % i
    docker_build(
        'registry.local/' + name,
        'services/' + name,
        live_update=[
            sync('services/%s/src' % name, '/app/src'),
            run('npm install', trigger=['services/%s/package.json' % name]),
        ],
    )
    k8s_yaml('services/%s/k8s.yaml' % name)
    k8s_resource(name, port_forwards=[str(9000 + i) + ':8080'], labels=labels)
    local_resource(name + '-lint', cmd='echo lint ' + name, deps=['services/%s/src' % name],
                   labels=labels, resource_deps=[name])
`;

const files: Record<string, string> = {
  [`${DIR}/Tiltfile`]: tiltfile(),
  [`${DIR}/lib/helpers.star`]: helpers,
  [`${DIR}/settings.yaml`]: 'labels: [bench, services]\n',
};
for (let i = 0; i < n; i++) {
  const d = `${DIR}/services/svc-${i}`;
  files[`${d}/Dockerfile`] = 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "src/index.js"]\n';
  files[`${d}/k8s.yaml`] = deploymentYAML(i);
  files[`${d}/package.json`] = '{}';
  files[`${d}/src/index.js`] = 'console.log("hi")\n';
}

const project = writeProject(files, DIR);

function once(): { ms: number; resources: number; objects: number } {
  const t0 = performance.now();
  const r = runTiltfileOnHost({
    subcommand: 'up',
    cwd: project.dir,
    env: project.env,
    argv: [],
    executable: 'slant',
    logWrite: () => {},
  });
  const ms = performance.now() - t0;
  if (r.error !== undefined) throw new Error(`bench Tiltfile failed:\n${r.error.message}`);
  return { ms, resources: r.resources.length, objects: r.objects.length };
}

try {
  const first = once();
  const early = Array.from({ length: EARLY_RELOADS }, () => once().ms);
  const times = Array.from({ length: runs }, () => once().ms);
  const reload = medianOf(times);
  console.log(
    `tiltfile: ${n} services → ${first.resources} resources, ${first.objects} API objects; first re-loads (2-${EARLY_RELOADS + 1}) median ${medianOf(early).toFixed(1)} ms; warm re-load median ${reload.toFixed(1)} ms over ${runs} runs (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`,
  );

  const tilt = process.env.TILT_BIN;
  if (tilt === undefined || tilt === '') {
    console.log('(set TILT_BIN to a tilt binary to time both CLIs on the same project)');
  } else {
    const side = sideBySide(tilt, project, runs);
    const row = (label: string, ours: number, theirs: number, goal = ''): string =>
      `${label.padEnd(40)}${ours.toFixed(1).padStart(8)}${theirs.toFixed(1).padStart(8)}${(ours / theirs).toFixed(2).padStart(8)}${goal}`;
    console.log(`\nms, medians of ${runs}${''.padEnd(25)}   slant    tilt   ratio`);
    console.log(
      row('warm re-load (slant up) vs Tilt load', reload, side.tilt.load, '   goal ≤ 0.50'),
    );
    console.log(row('first re-loads (slant up) vs Tilt load', medianOf(early), side.tilt.load));
    console.log(row('first load in a fresh process', side.slant.load, side.tilt.load));
    console.log(
      row('whole process (alpha tiltfile-result)', side.slant.process, side.tilt.process),
    );
  }
} finally {
  project.remove();
}
