import type { UIResource } from '@slant/api';
import { afterEach, describe, expect, it } from 'vitest';
import { configMap } from '../store/testing.ts';
import { startTestSession, type TestSession, uiResource } from './testing.ts';
import { parseWaitFor, runWait } from './wait.ts';

let session: TestSession | undefined;
afterEach(async () => {
  await session?.server.close();
  session = undefined;
});

async function wait(s: TestSession, args: string[], forArg: string, timeout = '5s') {
  let out = '';
  await runWait(s.client, args, {
    for: parseWaitFor(forArg),
    timeout,
    selector: '',
    all: false,
    write: (t) => {
      out += t;
    },
  });
  return out;
}

function ready(s: TestSession, name: string, status: 'True' | 'False'): void {
  s.store.mutateStatus('UIResource', name, (cur: UIResource) => ({
    ...cur.status,
    conditions: [{ type: 'Ready' as const, status }],
  }));
}

describe('runWait', () => {
  it('returns once the condition is true, whether it already was or becomes so', async () => {
    const s = (session = await startTestSession());
    s.store.create(uiResource('a'));
    s.store.create(uiResource('b'));
    ready(s, 'a', 'True');
    ready(s, 'b', 'False');
    const done = wait(s, ['uiresource/a', 'uiresource/b'], 'condition=Ready');
    setTimeout(() => ready(s, 'b', 'True'), 50);
    expect(await done).toBe(
      'uiresource.tilt.dev/a condition met\nuiresource.tilt.dev/b condition met\n',
    );
    expect(await wait(s, ['uiresource/b'], 'condition=ready=true')).toBe(
      'uiresource.tilt.dev/b condition met\n',
    );
  });

  it('--for=delete: an absent object is done at once, a present one when it goes', async () => {
    const s = (session = await startTestSession());
    s.store.create(configMap('x'));
    const done = wait(s, ['configmap', 'x', 'never-was'], 'delete');
    setTimeout(() => s.store.delete('ConfigMap', 'x'), 50);
    expect(await done).toBe(
      'configmap.tilt.dev/never-was condition met\nconfigmap.tilt.dev/x condition met\n',
    );
  });

  it('--for=jsonpath: the value the path finds, or only that it is there', async () => {
    const s = (session = await startTestSession());
    s.store.create(configMap('x', { phase: 'starting' }));
    const done = wait(s, ['configmap/x'], 'jsonpath={.data.phase}=ready');
    setTimeout(() => s.store.update({ ...configMap('x', { phase: 'ready' }) }), 50);
    expect(await done).toBe('configmap.tilt.dev/x condition met\n');
    expect(await wait(s, ['configmap/x'], 'jsonpath=.data.phase')).toBe(
      'configmap.tilt.dev/x condition met\n',
    );
    await expect(wait(s, ['configmap/x'], 'jsonpath={.data.other}', '100ms')).rejects.toThrow(
      'error: timed out waiting for the condition on configmaps/x',
    );
    await expect(wait(s, ['configmap/x'], 'jsonpath={.data.*}=ready')).resolves.toBe(
      'configmap.tilt.dev/x condition met\n',
    );
  });

  it('--for=create: returns when the object appears', async () => {
    const s = (session = await startTestSession());
    const done = wait(s, ['configmap/later'], 'create');
    setTimeout(() => s.store.create(configMap('later')), 50);
    expect(await done).toBe('configmap.tilt.dev/later condition met\n');
  });

  it("fails with kubectl's texts: not found, timed out, bad --for", async () => {
    const s = (session = await startTestSession());
    s.store.create(uiResource('a'));
    await expect(wait(s, ['uiresource/nope'], 'condition=Ready')).rejects.toThrow(
      'Error from server (NotFound): uiresources.tilt.dev "nope" not found',
    );
    await expect(wait(s, ['uiresource/a'], 'condition=Ready', '100ms')).rejects.toThrow(
      'error: timed out waiting for the condition on uiresources/a',
    );
    expect(() => parseWaitFor('available')).toThrow('error: unrecognized condition: "available"');
  });
});
