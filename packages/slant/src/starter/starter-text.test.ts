import { describe, expect, test } from 'vitest';
import { runTiltfile } from '../tiltfile/test-util.ts';
import { STARTER_TILTFILE } from './starter-text.ts';

describe('the starter Tiltfile', () => {
  test('runs as written: a greeting, a warning naming the file, one local command', () => {
    const r = runTiltfile(STARTER_TILTFILE);
    expect(r.error).toBeUndefined();
    expect(r.out).toContain('Hello from your new Tiltfile!');
    expect(r.out).toContain('Open /work/proj/Tiltfile in your editor');
    expect(r.resources.map((x) => x.name)).toEqual(['hello']);
  });

  test('every commented example is valid Starlark once uncommented', () => {
    // Uncommented, the examples parse and resolve: the run gets to the first builtin that reads
    // a file the example names.
    const uncommented = STARTER_TILTFILE.split('\n')
      .map((l) => (/^# ( {4}|\)|\]|[a-z_.]+\(|[a-z_]+ = )/.test(l) ? l.slice(2) : l))
      .join('\n');
    const r = runTiltfile(uncommented);
    expect(r.error?.message).toContain(
      'Error in docker_build: error reading dockerfile: open /work/proj/api/Dockerfile',
    );
  });
});
