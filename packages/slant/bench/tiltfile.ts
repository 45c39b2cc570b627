// `npm run bench:tiltfile [-- --resources N --runs N]`: loads a generated Tiltfile of N services
// (Kubernetes YAML, docker_build with live_update, local_resources, a shared library loaded with
// load()) through the loader and assembly into resources and API objects, against the in-memory
// host, and prints the median wall time of the runs (after one warm-up run). With TILT_BIN set
// to a tilt binary, it also times `alpha tiltfile-result` of both tools on the same project
// (tiltfile-side.ts).
import { parseArgs } from 'node:util';
import { fakeHost } from '../src/tiltfile/host-fake.ts';
import { loadTiltfile } from '../src/tiltfile/loader.ts';
import { median as medianOf, sideBySide } from './tiltfile-side.ts';

const { values } = parseArgs({
  options: {
    resources: { type: 'string', default: '100' },
    runs: { type: 'string', default: '10' },
  },
});
const n = Number(values.resources);
const runs = Math.max(1, Number(values.runs));
const DIR = '/bench/project';

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

function once(): { ms: number; resources: number; objects: number } {
  const host = fakeHost({ files });
  const t0 = performance.now();
  const r = loadTiltfile(host, { mainPath: `${DIR}/Tiltfile` });
  const ms = performance.now() - t0;
  if (r.error !== undefined) throw new Error(`bench Tiltfile failed:\n${r.error.message}`);
  return { ms, resources: r.resources.length, objects: r.objects.length };
}

const warm = once();
const times: number[] = [];
for (let i = 0; i < runs; i++) times.push(once().ms);
times.sort((a, b) => a - b);
const median = medianOf(times);
console.log(
  `tiltfile: ${n} services → ${warm.resources} resources, ${warm.objects} API objects; median ${median.toFixed(1)} ms over ${runs} runs (min ${times[0]!.toFixed(1)}, max ${times[times.length - 1]!.toFixed(1)})`,
);

const tilt = process.env.TILT_BIN;
if (tilt !== undefined && tilt !== '') sideBySide(tilt, files, DIR, runs);
else console.log('(set TILT_BIN to a tilt binary to time both CLIs on the same project)');
