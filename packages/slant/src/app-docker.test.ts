import { describe, expect, test } from 'vitest';
import { imageDeployRef } from './app-docker.ts';
import { FakeDockerClient } from './docker/client-fake.ts';

describe('dump image-deploy-ref', () => {
  test('the name with the content-based tag of the image it names', async () => {
    const docker = new FakeDockerClient();
    const id = `sha256:${'0123456789abcdef'.repeat(4)}`;
    docker.addImage(['localhost:5005/web:tilt-build-1700000000'], id);
    expect(await imageDeployRef(docker, 'localhost:5005/web:tilt-build-1700000000')).toBe(
      'localhost:5005/web:tilt-0123456789abcdef',
    );
    docker.addImage(['docker.io/library/app:latest'], id);
    expect(await imageDeployRef(docker, 'app')).toBe('app:tilt-0123456789abcdef');
  });

  test("a missing image or a bad ref reads as Tilt's error", async () => {
    const docker = new FakeDockerClient();
    await expect(imageDeployRef(docker, 'nope:1')).rejects.toThrow(
      'DumpImageDeployRef: Error response from daemon: No such image: nope:1',
    );
    await expect(imageDeployRef(docker, 'bad/Name')).rejects.toThrow(
      'DumpImageDeployRef: invalid reference format: repository name (bad/Name) must be lowercase',
    );
  });
});
