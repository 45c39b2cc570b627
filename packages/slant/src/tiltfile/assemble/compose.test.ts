import { describe, expect, test } from 'vitest';
import { run as runWith } from '../builtins/build-test-util.ts';
import { errorOf } from '../test-util.ts';
import { assembleCompose } from './compose.ts';

const CONFIG = JSON.stringify({ name: 'p', services: { web: { image: 'nginx' } } });

function run(version: string | undefined) {
  const scripts = [
    { match: /config --format json$/, result: { stdout: CONFIG } },
    ...(version === undefined
      ? []
      : [{ match: 'docker compose version', result: { stdout: version } }]),
  ];
  return runWith("docker_compose('dc.yml')\n", {
    scripts,
    files: { 'dc.yml': '' },
    load: { assemblers: [assembleCompose] },
  });
}

describe('Docker Compose version check', () => {
  test('a recent or unknown Compose is fine', () => {
    expect(run('Docker Compose version v2.29.1\n').error).toBeUndefined();
    expect(run(undefined).error).toBeUndefined();
    expect(run('something else').error).toBeUndefined();
  });

  test('Compose before v1.28.3 is refused; v2 before v2.2 is a warning', () => {
    expect(errorOf(run('docker-compose version 1.25.0, build 0a186604\n'))).toBe(
      'Tilt requires Docker Compose v1.28.3+ (you have v1.25.0). Please upgrade and re-launch Tilt.',
    );
    const r = run('Docker Compose version v2.1.1\n');
    expect(r.error).toBeUndefined();
    expect(r.warnings).toEqual([
      'Using Docker Compose v2.1.1 (version < 2.2) may result in errors or broken functionality.\nFor best results, we recommend upgrading to Docker Compose >= v2.2.0.',
    ]);
  });
});
