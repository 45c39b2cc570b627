import type { ConfigMap, Tiltfile } from '@slant/api';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../errors.ts';
import { configMap } from '../store/testing.ts';
import { changeEnabledResources, setTiltfileArgs, triggerResource } from './actions.ts';
import { startTestSession, type TestSession, uiResource } from './testing.ts';

let session: TestSession | undefined;
afterEach(async () => {
  await session?.server.close();
  session = undefined;
});

async function start(): Promise<TestSession> {
  session = await startTestSession();
  for (const ui of [
    uiResource('(Tiltfile)'),
    uiResource('frontend', { web: 'web' }),
    uiResource('backend'),
    uiResource('db', { storage: 'x' }),
  ]) {
    session.store.create(ui);
  }
  return session;
}

function disabledData(s: TestSession): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const n of ['frontend', 'backend', 'db']) {
    out[n] = (s.store.get('ConfigMap', `${n}-disable`) as ConfigMap | undefined)?.data?.isDisabled;
  }
  return out;
}

describe('triggerResource', () => {
  it('appends the resource to the trigger queue ConfigMap with the CLI reason', async () => {
    const s = await start();
    await triggerResource(s.client, 'frontend');
    await triggerResource(s.client, 'backend');
    await triggerResource(s.client, 'frontend');
    expect(s.store.get('ConfigMap', 'tilt-trigger-queue')?.data).toEqual({
      '0-name': 'frontend',
      '0-reason-code': '32',
      '1-name': 'backend',
      '1-reason-code': '32',
    });
  });

  it('rejects an unknown resource, listing the close matches', async () => {
    const s = await start();
    const err = await triggerResource(s.client, 'fronted').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe('no such resource "fronted"');
    expect((err as UserError).hint).toBe('Did you mean: "frontend"?');
  });

  it("refuses a disabled resource with Tilt's text", async () => {
    const s = await start();
    s.store.mutateStatus('UIResource', 'db', (cur) => ({
      ...cur.status,
      disableStatus: { enabledCount: 0, disabledCount: 1, state: 'Disabled' as const, sources: [] },
    }));
    await expect(triggerResource(s.client, 'db')).rejects.toThrow(
      'resource "db" is currently disabled',
    );
  });
});

describe('changeEnabledResources', () => {
  const opts = { all: false, only: false, labels: [] as string[] };

  it('disables the named resources by creating their disable ConfigMaps', async () => {
    const s = await start();
    await changeEnabledResources(s.client, ['frontend'], { ...opts, enable: false });
    expect(disabledData(s)).toEqual({ frontend: 'true', backend: undefined, db: undefined });
  });

  it('--only enables the named ones and disables every other', async () => {
    const s = await start();
    s.store.create(configMap('backend-disable', { isDisabled: 'true', other: 'kept' }));
    await changeEnabledResources(s.client, ['backend'], { ...opts, enable: true, only: true });
    expect(disabledData(s)).toEqual({ frontend: 'true', backend: 'false', db: 'true' });
    expect(s.store.get('ConfigMap', 'backend-disable')?.data?.other).toBe('kept');
  });

  it('--all and -l pick resources; the Tiltfile is never touched', async () => {
    const s = await start();
    await changeEnabledResources(s.client, [], { ...opts, enable: false, all: true });
    expect(disabledData(s)).toEqual({ frontend: 'true', backend: 'true', db: 'true' });
    await changeEnabledResources(s.client, [], {
      ...opts,
      enable: true,
      labels: ['web', 'storage'],
    });
    expect(disabledData(s)).toEqual({ frontend: 'false', backend: 'true', db: 'false' });
    expect(s.store.get('ConfigMap', '(Tiltfile)-disable')).toBeUndefined();
  });

  it('checks every name before changing anything', async () => {
    const s = await start();
    await expect(
      changeEnabledResources(s.client, ['frontend', 'nope'], { ...opts, enable: false }),
    ).rejects.toThrow('no such resource "nope"');
    await expect(
      changeEnabledResources(s.client, ['(Tiltfile)'], { ...opts, enable: false }),
    ).rejects.toThrow('(Tiltfile) cannot be enabled or disabled');
    expect(disabledData(s)).toEqual({ frontend: undefined, backend: undefined, db: undefined });
  });
});

describe('setTiltfileArgs', () => {
  it("writes the Tiltfile's spec.args, and reports when they were already those", async () => {
    const s = await start();
    const tf: Tiltfile = {
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'Tiltfile',
      metadata: { name: '(Tiltfile)' },
      spec: { path: '/x/Tiltfile', args: ['a'] },
    };
    s.store.create(tf);
    expect(await setTiltfileArgs(s.client, ['b', '--flag'])).toBe(true);
    expect((s.store.get('Tiltfile', '(Tiltfile)') as Tiltfile).spec.args).toEqual(['b', '--flag']);
    expect(await setTiltfileArgs(s.client, ['b', '--flag'])).toBe(false);
  });
});
