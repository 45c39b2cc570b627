import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DockerImageBuilder } from './builder.ts';
import {
  cluster,
  dockerImage,
  type Fixture,
  fixture,
  ID_A,
  ID_B,
  imageMap,
  signal,
} from './test-util.ts';

let f: Fixture;
let builder: DockerImageBuilder;
const DF = 'FROM slant/busybox:latest\nCOPY . /app\n';

beforeEach(async () => {
  f = await fixture();
  builder = new DockerImageBuilder({
    store: f.store,
    docker: f.docker,
    clock: f.clock,
    logs: f.logs,
  });
  await writeFile(join(f.dir, 'main.txt'), 'hello');
  await writeFile(join(f.dir, 'secret.txt'), 'no');
  f.store.create(imageMap('app'));
});
afterEach(() => f.cleanup());

function addApp(spec: Parameters<typeof dockerImage>[2] = {}): void {
  f.store.create(
    dockerImage('web', 'app', {
      context: f.dir,
      dockerfileContents: DF,
      contextIgnores: [{ basePath: f.dir, patterns: ['secret.txt'] }],
      ...spec,
    }),
  );
}

describe('DockerImageBuilder', () => {
  test('builds, tags with the content hash, pushes to the cluster registry and writes status', async () => {
    f.store.create(cluster({ host: 'localhost:5005' }));
    addApp();
    f.docker.buildResults.push({
      imageId: ID_A,
      output: [{ stream: 'Step 1/2 : FROM slant/busybox:latest\n' }],
    });
    const r = await builder.build('web:app', signal);
    expect(r).toEqual({ ok: true, ref: 'localhost:5005/app:tilt-0123456789abcdef' });
    expect(f.docker.tags).toEqual([
      { source: ID_A, target: 'localhost:5005/app:tilt-0123456789abcdef' },
    ]);
    expect(f.docker.pushes).toEqual(['localhost:5005/app:tilt-0123456789abcdef']);
    const build = f.docker.builds[0]!;
    expect([...build.files.keys()]).toEqual(['.', 'main.txt', 'Dockerfile']);
    expect(build.files.get('Dockerfile')).toBe(DF);
    expect(build.opts).toEqual({
      dockerfile: 'Dockerfile',
      buildArgs: {},
      labels: { 'dev.tilt.built': 'true', 'dev.tilt.gc': 'true' },
      platform: 'linux/amd64',
    });
    const di = f.store.get('DockerImage', 'web:app')!;
    expect(di.status).toEqual({
      ref: 'localhost:5005/app:tilt-0123456789abcdef',
      completed: {
        startedAt: '2024-01-01T00:00:00.000000Z',
        finishedAt: '2024-01-01T00:00:00.000000Z',
      },
      stageStatuses: [
        {
          name: 'docker push',
          startedAt: '2024-01-01T00:00:00.000000Z',
          finishedAt: '2024-01-01T00:00:00.000000Z',
        },
      ],
    });
    expect(f.store.get('ImageMap', 'app')!.status).toEqual({
      image: 'localhost:5005/app:tilt-0123456789abcdef',
      imageFromCluster: 'localhost:5005/app:tilt-0123456789abcdef',
      imageFromLocal: 'localhost:5005/app:tilt-0123456789abcdef',
      buildStartTime: '2024-01-01T00:00:00.000000Z',
    });
    // Context upload lines replace each other (one progressID); the last one has the full size.
    const upload = f.logs.entries.filter((e) => e.fields?.progressID === 'tilt-context-upload');
    expect(upload[0]?.text).toBe('     Sending Docker build context: 0B (0s)\n');
    expect(upload.at(-1)).toMatchObject({
      text: '     Sending Docker build context: 3.584kB (0s)\n',
      fields: { progressID: 'tilt-context-upload', progressMustPrint: '1' },
    });
    const rest = f.logs.entries.filter((e) => e.fields === undefined);
    expect(rest.map((e) => e.text).join('')).toBe(
      [
        'Building Dockerfile for platform linux/amd64:',
        '  FROM slant/busybox:latest',
        '  COPY . /app',
        '',
        '',
        '     Building image',
        '     Step 1/2 : FROM slant/busybox:latest',
        '     Successfully built 0123456789ab',
        '     Pushing with Docker client',
        '     Authenticating to image repo: localhost:5005/app',
        '     Sending image data',
        '',
      ].join('\n'),
    );
    expect(new Set(f.logs.entries.map((e) => e.spanId))).toEqual(new Set(['dockerimage:web:app']));
  });

  test('the cluster pulls by hostFromContainerRuntime; Slant pushes by host', async () => {
    f.store.create(cluster({ host: 'localhost:5005', hostFromContainerRuntime: 'registry:5000' }));
    addApp();
    f.docker.buildResults.push({ imageId: ID_A });
    expect(await builder.build('web:app', signal)).toEqual({
      ok: true,
      ref: 'registry:5000/app:tilt-0123456789abcdef',
    });
    expect(f.docker.pushes).toEqual(['localhost:5005/app:tilt-0123456789abcdef']);
    expect(f.store.get('ImageMap', 'app')!.status).toMatchObject({
      image: 'registry:5000/app:tilt-0123456789abcdef',
      imageFromCluster: 'registry:5000/app:tilt-0123456789abcdef',
      imageFromLocal: 'localhost:5005/app:tilt-0123456789abcdef',
    });
  });

  test('unchanged inputs give the same tag; a new image id gives a new one', async () => {
    f.store.create(cluster({ host: 'localhost:5005' }));
    addApp();
    f.docker.buildResults.push({ imageId: ID_A }, { imageId: ID_A }, { imageId: ID_B });
    const a = await builder.build('web:app', signal);
    const b = await builder.build('web:app', signal);
    const c = await builder.build('web:app', signal);
    expect([a, b, c]).toEqual([
      { ok: true, ref: 'localhost:5005/app:tilt-0123456789abcdef' },
      { ok: true, ref: 'localhost:5005/app:tilt-0123456789abcdef' },
      { ok: true, ref: 'localhost:5005/app:tilt-fedcba9876543210' },
    ]);
  });

  test('a base image is not pushed', async () => {
    f.store.create(cluster({ host: 'localhost:5005' }));
    addApp({ clusterNeeds: 'base-image' });
    f.docker.buildResults.push({ imageId: ID_A });
    const steps: string[] = [];
    const pipeline = { startStep: (n: string) => steps.push(n), endStep: () => steps.push('end') };
    await builder.build('web:app', signal, { pipeline });
    expect(f.docker.pushes).toEqual([]);
    expect(steps).toEqual(['Pushing localhost:5005/app:tilt-0123456789abcdef', 'end']);
    expect(f.logs.text()).toContain('\n     Skipping push: base image does not need deploy\n');
  });

  test('without a registry the image keeps its name and is not pushed', async () => {
    f.store.create(cluster());
    addApp();
    f.docker.buildResults.push({ imageId: ID_A });
    expect(await builder.build('web:app', signal)).toEqual({
      ok: true,
      ref: 'app:tilt-0123456789abcdef',
    });
    expect(f.docker.pushes).toEqual([]);
    expect(f.logs.text()).toContain('     Skipping push: no registry configured\n');
  });

  test('a failing build is a completed status with Docker’s error', async () => {
    f.store.create(cluster({ host: 'localhost:5005' }));
    addApp();
    f.docker.buildResults.push({
      error: "The command '/bin/sh -c exit 3' returned a non-zero code: 3",
    });
    const r = await builder.build('web:app', signal);
    const error = "ImageBuild: The command '/bin/sh -c exit 3' returned a non-zero code: 3";
    expect(r).toEqual({ ok: false, error });
    expect(f.store.get('DockerImage', 'web:app')!.status).toEqual({
      completed: {
        startedAt: '2024-01-01T00:00:00.000000Z',
        finishedAt: '2024-01-01T00:00:00.000000Z',
        error,
      },
      stageStatuses: [],
    });
    expect(f.store.get('ImageMap', 'app')!.status).toBeUndefined();
  });

  test('a failing push fails the build with Tilt’s text', async () => {
    f.store.create(cluster({ host: 'localhost:5005' }));
    addApp();
    f.docker.buildResults.push({ imageId: ID_A });
    f.docker.pushResults.set('localhost:5005/app:tilt-0123456789abcdef', {
      error:
        'Get "http://localhost:5005/v2/": dial tcp 127.0.0.1:5005: connect: connection refused',
    });
    expect(await builder.build('web:app', signal)).toEqual({
      ok: false,
      error:
        'docker push: pushing image "localhost:5005/app": Get "http://localhost:5005/v2/": dial tcp 127.0.0.1:5005: connect: connection refused',
    });
  });

  test('a missing context directory is reported as Tilt reports it', async () => {
    f.store.create(cluster({ host: 'localhost:5005' }));
    addApp({ context: join(f.dir, 'gone') });
    expect(await builder.build('web:app', signal)).toEqual({
      ok: false,
      error: `reading build context: stat ${join(f.dir, 'gone')}: no such file or directory`,
    });
  });

  test('a cluster in error cannot give a registry', async () => {
    f.store.create(cluster(undefined, { status: { error: 'connection refused' } }));
    addApp();
    expect(await builder.build('web:app', signal)).toEqual({
      ok: false,
      error: 'determining registry: cluster not ready: connection refused',
    });
  });

  test('base images built earlier are written into the Dockerfile', async () => {
    f.store.create(cluster({ host: 'localhost:5005' }));
    const base = imageMap('base');
    f.store.create(base);
    f.store.updateStatus({
      ...f.store.get('ImageMap', 'base')!,
      status: {
        image: 'localhost:5005/base:tilt-1111111111111111',
        imageFromLocal: 'localhost:5005/base:tilt-1111111111111111',
      },
    });
    addApp({
      dockerfileContents: '# comment\nARG B=base\nfrom $B\nRUN echo \\\n  hi\n',
      imageMaps: ['base'],
    });
    f.docker.buildResults.push({ imageId: ID_A });
    await builder.build('web:app', signal);
    expect(f.docker.builds[0]!.files.get('Dockerfile')).toBe(
      '\nARG B=base\nFROM localhost:5005/base:tilt-1111111111111111\nRUN echo   hi\n',
    );
  });

  test('a base image that has not been built is a missing dependency', async () => {
    f.store.create(cluster({ host: 'localhost:5005' }));
    f.store.create(imageMap('base'));
    addApp({ imageMaps: ['base'], dockerfileContents: 'FROM base\n' });
    expect(await builder.build('web:app', signal)).toEqual({
      ok: false,
      error: 'missing image dependency: base',
    });
  });

  test('an unreachable Docker is the build error', async () => {
    f.store.create(cluster({ host: 'localhost:5005' }));
    addApp();
    f.docker.down = 'connect ENOENT /var/run/docker.sock';
    expect(await builder.build('web:app', signal)).toEqual({
      ok: false,
      error: 'ImageBuild: connect ENOENT /var/run/docker.sock',
    });
  });
});

describe('DockerImageBuilder for Docker Compose', () => {
  test('tags the image as the Compose file names it and does not push', async () => {
    f.store.create(cluster(undefined, { spec: { connection: { docker: {} } } }));
    addApp();
    f.docker.buildResults.push({ imageId: ID_A });
    expect(await builder.build('web:app', signal)).toEqual({ ok: true, ref: 'app:latest' });
    expect(f.docker.tags).toEqual([
      { source: ID_A, target: 'docker.io/library/app:tilt-0123456789abcdef' },
      {
        source: 'docker.io/library/app:tilt-0123456789abcdef',
        target: 'docker.io/library/app:latest',
      },
    ]);
    expect(f.docker.pushes).toEqual([]);
  });
});
