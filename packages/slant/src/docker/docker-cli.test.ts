import { describe, expect, test } from 'vitest';
import { dockerCliCommand } from './docker-cli.ts';

describe('dockerCliCommand', () => {
  test("tells the CLI the client's builder and prints Tilt's header", () => {
    expect(dockerCliCommand('2', ['build', '-f', 'Dockerfile', '.'])).toEqual({
      env: ['DOCKER_BUILDKIT=1'],
      header: 'Running Docker command as:\nDOCKER_BUILDKIT=1 docker build -f Dockerfile .\n---\n',
    });
    expect(dockerCliCommand('1', []).header).toBe(
      'Running Docker command as:\nDOCKER_BUILDKIT=0 docker \n---\n',
    );
  });
});
