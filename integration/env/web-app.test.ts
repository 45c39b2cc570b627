// End to end against the real environment: Docker build and push, server-side
// apply of a Deployment and a Service, readiness, logs, exec with a tar archive
// on stdin, port-forward, and cleanup.
import { once } from 'node:events';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import {
  Exec,
  PortForward,
  type V1Deployment,
  type V1Pod,
  type V1Service,
  type V1Status,
} from '@kubernetes/client-node';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  apply,
  connect,
  createNamespace,
  deleteNamespace,
  docker,
  isReady,
  type Kube,
  uniqueName,
  waitFor,
} from './kube.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-e2e-web');
const image = `${env.registry}/slant-e2e/web:${ns}`;
const INDEX = '<h1>hello from slant e2e</h1>\n';
let kube: Kube;
let buildDir = '';

/** Runs a command in the container; returns stdout, throws on a non-Success status. */
async function execIn(
  pod: string,
  command: string[],
  stdin: Readable | null = null,
): Promise<{ stdout: Buffer; stderr: string }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const collect = (into: Buffer[]) =>
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        into.push(Buffer.from(chunk));
        cb();
      },
    });
  const status = await new Promise<V1Status>((resolve, reject) => {
    new Exec(kube.kc)
      .exec(ns, pod, 'web', command, collect(out), collect(err), stdin, false, resolve)
      .then((ws) => ws.on('error', reject))
      .catch(reject);
  });
  const stderr = Buffer.concat(err).toString();
  if (status.status !== 'Success') {
    throw new Error(`exec ${command.join(' ')} failed: ${JSON.stringify(status)} ${stderr}`);
  }
  return { stdout: Buffer.concat(out), stderr };
}

function tarOf(files: Record<string, string>): Readable {
  const pack = tar.pack();
  for (const [name, body] of Object.entries(files)) pack.entry({ name, mode: 0o644 }, body);
  pack.finalize();
  return Readable.from(pack);
}

async function untar(data: Buffer): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        if (header.type === 'file')
          files[header.name.replace(/^\.\//, '')] = Buffer.concat(chunks).toString();
        next();
      });
      stream.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(data);
  await done;
  return files;
}

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
});

afterAll(async () => {
  await deleteNamespace(kube, ns);
  if (buildDir) await rm(buildDir, { recursive: true, force: true });
  await docker(env, ['image', 'rm', '-f', image]).catch(() => undefined);
});

describe('web app on the local cluster', () => {
  test('build, push, apply, ready, logs, exec tar, port-forward, delete', async () => {
    // 1. Build with the Docker engine and push to the local registry.
    buildDir = await mkdtemp(join(tmpdir(), 'slant-e2e-'));
    await mkdir(join(buildDir, 'www'));
    await writeFile(join(buildDir, 'www', 'index.html'), INDEX);
    await writeFile(
      join(buildDir, 'Dockerfile'),
      [
        `FROM ${env.busyboxImage}`,
        'COPY www /www',
        'EXPOSE 8080',
        'CMD ["sh", "-c", "echo slant-web starting on 8080; exec httpd -f -vv -p 8080 -h /www"]',
        '',
      ].join('\n'),
    );
    await docker(env, ['build', '-q', '-t', image, buildDir]);
    await docker(env, ['push', '-q', image]);

    // 2. Server-side apply a Deployment and a Service.
    const labels = { app: 'web' };
    const deployment: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [
              {
                name: 'web',
                image,
                ports: [{ name: 'http', containerPort: 8080 }],
                readinessProbe: { httpGet: { path: '/index.html', port: 8080 }, periodSeconds: 1 },
              },
            ],
          },
        },
      },
    };
    const service: V1Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: ns },
      spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    };
    const applied = await apply(kube, deployment);
    expect(
      applied.metadata?.managedFields?.some(
        (f) => f.manager === 'slant-e2e' && f.operation === 'Apply',
      ),
    ).toBe(true);
    const svc = await apply(kube, service);
    expect(svc.spec?.clusterIP).toMatch(/^10\.96\./);

    // 3. Wait for the pod to be Ready.
    const pod = await waitFor<V1Pod>('web pod Ready', 120_000, async () => {
      const pods = await kube.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
      return pods.items.find(isReady);
    });
    const podName = pod.metadata?.name ?? '';
    expect(pod.spec?.containers[0]?.image).toBe(image);

    // The Service's endpoints point at the pod.
    await waitFor('service endpoints', 60_000, async () => {
      const ep = await kube.core.readNamespacedEndpoints({ name: 'web', namespace: ns });
      return ep.subsets?.[0]?.addresses?.[0]?.ip === pod.status?.podIP;
    });

    // The Service's ClusterIP answers (kube-proxy's iptables rules, hairpin back to the pod).
    const viaService = await waitFor('HTTP through the ClusterIP', 30_000, async () => {
      const request = `printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 ${svc.spec?.clusterIP ?? ''} 80`;
      const res = await execIn(podName, ['sh', '-c', request]);
      const text = res.stdout.toString();
      return text.includes(INDEX) ? text : false;
    });
    expect(viaService).toMatch(/^HTTP\/1\.[01] 200/);

    // 4. Pod logs.
    const logs = await waitFor('startup log line', 30_000, async () => {
      const text = await kube.core.readNamespacedPodLog({
        name: podName,
        namespace: ns,
        container: 'web',
      });
      return text.includes('slant-web starting') ? text : false;
    });
    expect(logs).toContain('slant-web starting on 8080');

    // 5. Exec with a tar archive streamed on stdin, then read the files back.
    const files = {
      'upload/hello.txt': 'hello through exec\n',
      'upload/deep/nested.txt': 'nested file\n',
    };
    await execIn(podName, ['tar', '-x', '-f', '-', '-C', '/www'], tarOf(files));
    const back = await execIn(podName, ['tar', '-c', '-f', '-', '-C', '/www', 'upload']);
    expect(await untar(back.stdout)).toEqual(files);
    const cat = await execIn(podName, ['cat', '/www/upload/deep/nested.txt']);
    expect(cat.stdout.toString()).toBe('nested file\n');

    // 6. Port-forward to the pod and make HTTP requests through it.
    const forward = new PortForward(kube.kc);
    const server = net.createServer((socket) => {
      forward
        .portForward(ns, podName, [8080], socket, null, socket)
        .catch((e: unknown) => socket.destroy(e as Error));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    try {
      const index = await fetch(`http://127.0.0.1:${port}/index.html`, {
        headers: { connection: 'close' },
      });
      expect(index.status).toBe(200);
      expect(await index.text()).toBe(INDEX);
      const uploaded = await fetch(`http://127.0.0.1:${port}/upload/hello.txt`, {
        headers: { connection: 'close' },
      });
      expect(await uploaded.text()).toBe('hello through exec\n');
    } finally {
      server.close();
    }

    // The request shows up in the access log (busybox httpd -vv logs each url).
    await waitFor('access log line', 30_000, async () => {
      const text = await kube.core.readNamespacedPodLog({
        name: podName,
        namespace: ns,
        container: 'web',
      });
      return text.includes('url:/upload/hello.txt');
    });

    // 7. Delete everything and see it go.
    await kube.objects.delete(service);
    await kube.objects.delete(deployment, undefined, undefined, 0, undefined, 'Foreground');
    await waitFor('pods gone', 120_000, async () => {
      const pods = await kube.core.listNamespacedPod({ namespace: ns });
      return pods.items.length === 0;
    });
    const services = await kube.core.listNamespacedService({ namespace: ns });
    expect(services.items).toHaveLength(0);
  });
});
