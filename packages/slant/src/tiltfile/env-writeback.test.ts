import { describe, expect, test } from 'vitest';
import { fakeHost } from './host-fake.ts';
import { loadTiltfile } from './loader.ts';
import { DIR } from './test-util.ts';

function hostWith(tiltfile: string) {
  const changes: Record<string, string | undefined>[] = [];
  const host = {
    ...fakeHost({ files: { [`${DIR}/Tiltfile`]: tiltfile }, env: { KEEP: '1', GONE: 'x' } }),
    setEnv: (c: Readonly<Record<string, string | undefined>>) => changes.push({ ...c }),
  };
  return { host, changes };
}

describe('the Tiltfile environment written back to the session', () => {
  test('os.putenv, os.environ writes and unsetenv reach the host when the execution ends', () => {
    const { host, changes } = hostWith(
      "os.putenv('A', '1')\nos.environ['B'] = '2'\nos.unsetenv('GONE')\nos.putenv('KEEP', '1')\n",
    );
    const r = loadTiltfile(host, { mainPath: `${DIR}/Tiltfile` });
    expect(r.error).toBeUndefined();
    expect(changes).toEqual([{ A: '1', B: '2', GONE: undefined }]);
  });

  test('changes made before a failure are written back too (Tilt has already set them)', () => {
    const { host, changes } = hostWith("os.putenv('A', '1')\nfail('boom')\n");
    const r = loadTiltfile(host, { mainPath: `${DIR}/Tiltfile` });
    expect(r.error).toBeDefined();
    expect(changes).toEqual([{ A: '1' }]);
  });

  test('an execution that changes nothing writes nothing', () => {
    const { host, changes } = hostWith("print(os.getenv('KEEP'))\n");
    loadTiltfile(host, { mainPath: `${DIR}/Tiltfile` });
    expect(changes).toEqual([]);
  });
});
