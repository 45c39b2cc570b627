// The app `npm run bench:live-update` saves into, on each runtime: the same busybox httpd serving
// app/www with a live_update (sync + a run step), as a Deployment on the cluster or as a Docker
// Compose service. Each writes its project into `dir` and cleans up what the run left behind.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect, createNamespace, deleteNamespace, uniqueName } from '../env/kube.ts';
import type { SlantEnv } from '../slant-env.ts';

export type Runtime = 'kubernetes' | 'compose';

export interface BenchApp {
  /** Writes the project (Tiltfile, Dockerfile, manifests) into `dir`. */
  setup(dir: string, webPort: number): Promise<void>;
  /** Removes the namespace or the containers the run left. */
  cleanup(): Promise<void>;
}

const LIVE_UPDATE = "live_update=[sync('app/www', '/www'), run('true')]";

async function appFiles(dir: string, env: SlantEnv): Promise<void> {
  await mkdir(join(dir, 'app/www'), { recursive: true });
  await writeFile(
    join(dir, 'app/Dockerfile'),
    `FROM ${env.busyboxImage}\nCOPY www /www\nCMD ["httpd", "-f", "-p", "8000", "-h", "/www"]\n`,
  );
  await writeFile(join(dir, 'app/www/index.html'), 'save 0\n');
}

function kubernetesApp(env: SlantEnv, tool: string): BenchApp {
  const kube = connect(env);
  const ns = uniqueName(`lu-${tool}`);
  return {
    async setup(dir, webPort) {
      await createNamespace(kube, ns);
      await appFiles(dir, env);
      await writeFile(
        join(dir, 'Tiltfile'),
        `allow_k8s_contexts('${env.context}')
docker_build('lu-bench', 'app', ${LIVE_UPDATE})
k8s_yaml('app.yaml')
k8s_resource('lu-bench', port_forwards='${webPort}:8000')
`,
      );
      await writeFile(
        join(dir, 'app.yaml'),
        `apiVersion: apps/v1
kind: Deployment
metadata: {name: lu-bench, namespace: ${ns}, labels: {app: lu-bench}}
spec:
  selector: {matchLabels: {app: lu-bench}}
  template:
    metadata: {labels: {app: lu-bench}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - {name: app, image: lu-bench, ports: [{containerPort: 8000}]}
`,
      );
    },
    cleanup: () => deleteNamespace(kube, ns),
  };
}

function composeApp(env: SlantEnv, tool: string): BenchApp {
  const project = uniqueName(`lu-${tool}`);
  const docker = (...args: string[]) =>
    promisify(execFile)('docker', args, { env: { ...process.env, DOCKER_HOST: env.dockerHost } });
  return {
    async setup(dir, webPort) {
      await appFiles(dir, env);
      await writeFile(
        join(dir, 'Tiltfile'),
        `docker_compose('compose.yaml')\ndocker_build('lu-bench', 'app', ${LIVE_UPDATE})\n`,
      );
      await writeFile(
        join(dir, 'compose.yaml'),
        `name: ${project}
services:
  lu-bench:
    image: lu-bench
    ports: ["127.0.0.1:${webPort}:8000"]
`,
      );
    },
    async cleanup() {
      const label = `label=com.docker.compose.project=${project}`;
      const { stdout } = await docker('ps', '-aq', '--filter', label);
      const ids = stdout.split('\n').filter((l) => l !== '');
      if (ids.length > 0) await docker('rm', '-f', ...ids);
    },
  };
}

export function benchApp(runtime: Runtime, env: SlantEnv, tool: string): BenchApp {
  return runtime === 'kubernetes' ? kubernetesApp(env, tool) : composeApp(env, tool);
}
