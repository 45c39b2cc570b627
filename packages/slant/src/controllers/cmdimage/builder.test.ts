import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CmdImage, CmdImageSpec } from '@slant/api';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FakeProcessRunner } from '../../exec/fake.ts';
import {
  cluster,
  type Fixture,
  fixture,
  ID_A,
  imageMap,
  signal,
} from '../dockerimage/test-util.ts';
import { CmdImageBuilder } from './builder.ts';

let f: Fixture;
let runner: FakeProcessRunner;
let builder: CmdImageBuilder;
// FakeClock starts at 2024-01-01T00:00:00Z.
const BUILD_TAG = 'tilt-build-1704067200';

function cmdImage(spec: Partial<CmdImageSpec>): CmdImage {
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'CmdImage',
    metadata: {
      name: 'web:app',
      annotations: { 'tilt.dev/resource': 'web', 'tilt.dev/log-span-id': 'cmdimage:web:app' },
    },
    spec: {
      ref: 'app',
      args: ['sh', '-c', 'build.sh'],
      dir: f.dir,
      cluster: 'default',
      clusterNeeds: 'push',
      ...spec,
    },
  };
}

beforeEach(async () => {
  f = await fixture();
  runner = new FakeProcessRunner();
  builder = new CmdImageBuilder({
    store: f.store,
    docker: f.docker,
    runner,
    clock: f.clock,
    logs: f.logs,
    baseEnv: { PATH: '/bin', EXPECTED_REF: 'from-parent' },
  });
  f.store.create(cluster({ host: 'localhost:5005' }));
  f.store.create(imageMap('app'));
});
afterEach(() => f.cleanup());

describe('CmdImageBuilder', () => {
  test('runs the command with the expected ref, then tags the image by content and pushes it', async () => {
    f.store.create(cmdImage({ env: ['A=b'] }));
    runner.onStart = (p) => {
      p.output.stdout('built it\n');
      f.docker.addImage([p.spec.env.EXPECTED_REF!], ID_A);
      p.exit(0);
    };
    const r = await builder.build('web:app', signal);
    expect(r).toEqual({ ok: true, ref: 'localhost:5005/app:tilt-0123456789abcdef' });
    const spec = runner.started[0]!.spec;
    expect(spec.argv).toEqual(['sh', '-c', 'build.sh']);
    expect(spec.dir).toBe(f.dir);
    expect(spec.env).toEqual({
      PATH: '/bin',
      A: 'b',
      EXPECTED_REF: `localhost:5005/app:${BUILD_TAG}`,
      EXPECTED_IMAGE: 'app',
      EXPECTED_TAG: BUILD_TAG,
      REGISTRY_HOST: 'localhost:5005',
      EXPECTED_REGISTRY: 'localhost:5005',
    });
    expect(f.docker.tags).toEqual([
      { source: ID_A, target: 'localhost:5005/app:tilt-0123456789abcdef' },
    ]);
    expect(f.docker.pushes).toEqual(['localhost:5005/app:tilt-0123456789abcdef']);
    expect(f.store.get('CmdImage', 'web:app')!.status).toEqual({
      ref: 'localhost:5005/app:tilt-0123456789abcdef',
      completed: {
        startedAt: '2024-01-01T00:00:00.000000Z',
        finishedAt: '2024-01-01T00:00:00.000000Z',
      },
    });
    expect(f.store.get('ImageMap', 'app')!.status?.image).toBe(
      'localhost:5005/app:tilt-0123456789abcdef',
    );
    expect(f.logs.text('web')).toBe(
      [
        'Custom Build: Injecting Environment Variables',
        `  EXPECTED_REF=localhost:5005/app:${BUILD_TAG}`,
        '  EXPECTED_IMAGE=app',
        `  EXPECTED_TAG=${BUILD_TAG}`,
        '  REGISTRY_HOST=localhost:5005',
        '  EXPECTED_REGISTRY=localhost:5005',
        'Running cmd: build.sh',
        'built it',
        '     Pushing with Docker client',
        '     Authenticating to image repo: localhost:5005/app',
        '     Sending image data',
        '',
      ].join('\n'),
    );
  });

  test('a failing command is the build error', async () => {
    f.store.create(cmdImage({}));
    runner.onStart = (p) => p.exit(3);
    const error = 'Custom build "build.sh" failed: exit status 3';
    expect(await builder.build('web:app', signal)).toEqual({ ok: false, error });
    expect(f.store.get('CmdImage', 'web:app')!.status?.completed?.error).toBe(error);
  });

  test('a command that did not make the image is told so', async () => {
    f.store.create(cmdImage({}));
    runner.onStart = (p) => p.exit(0);
    expect(await builder.build('web:app', signal)).toEqual({
      ok: false,
      error:
        'Could not find image in Docker\nDid your custom_build script properly tag the image?\n' +
        "If your custom_build doesn't use Docker, you might need to use skips_local_docker=True, " +
        'see https://docs.tilt.dev/custom_build.html\n' +
        `: Error response from daemon: No such image: localhost:5005/app:${BUILD_TAG}`,
    });
  });

  test('outputs_image_ref_to: the written ref is used as is', async () => {
    const file = join(f.dir, 'ref.txt');
    f.store.create(cmdImage({ outputsImageRefTo: file }));
    runner.onStart = (p) => {
      writeFileSync(file, 'localhost:5005/app:custom\n');
      f.docker.addImage(['localhost:5005/app:custom'], ID_A);
      p.exit(0);
    };
    expect(await builder.build('web:app', signal)).toEqual({
      ok: true,
      ref: 'localhost:5005/app:custom',
    });
    expect(runner.started[0]!.spec.env.EXPECTED_REF).toBe('from-parent');
    expect(f.docker.tags).toEqual([]);
    expect(f.docker.pushes).toEqual(['localhost:5005/app:custom']);
  });

  test('outputs_image_ref_to: a file the command did not write', async () => {
    const file = join(f.dir, 'ref.txt');
    writeFileSync(file, 'stale');
    f.store.create(cmdImage({ outputsImageRefTo: file }));
    runner.onStart = (p) => p.exit(0);
    expect(await builder.build('web:app', signal)).toEqual({
      ok: false,
      error: `Could not find image ref in output. Your custom_build script should have written to ${file}: open ${file}: no such file or directory`,
    });
  });

  test('tag=: the command builds the name without the registry; Slant renames and pushes', async () => {
    f.store.create(cmdImage({ outputTag: 'v1' }));
    runner.onStart = (p) => {
      f.docker.addImage([p.spec.env.EXPECTED_REF!], ID_A);
      p.exit(0);
    };
    await builder.build('web:app', signal);
    expect(runner.started[0]!.spec.env.EXPECTED_REF).toBe('app:v1');
    expect(f.docker.tags).toEqual([
      { source: ID_A, target: 'localhost:5005/app:tilt-0123456789abcdef' },
    ]);
  });

  test('skips_local_docker: no Docker lookup and no push', async () => {
    f.store.create(cmdImage({ outputMode: 'remote' }));
    runner.onStart = (p) => p.exit(0);
    expect(await builder.build('web:app', signal)).toEqual({
      ok: true,
      ref: `localhost:5005/app:${BUILD_TAG}`,
    });
    expect(f.docker.pushes).toEqual([]);
    expect(f.logs.text()).toContain(
      '     Skipping push: custom_build() configured to handle push itself\n',
    );
  });

  test('a command that cannot start', async () => {
    f.store.create(cmdImage({ args: ['nope'] }));
    runner.onStart = (p) => p.exit(null, null, 'exec: "nope": executable file not found in $PATH');
    expect(await builder.build('web:app', signal)).toEqual({
      ok: false,
      error:
        'Custom build "nope" failed: failed to start: exec: "nope": executable file not found in $PATH',
    });
  });
});
