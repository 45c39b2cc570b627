import type { Pod } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { containerRestarts } from './restarts.ts';

function pod(
  uid: string,
  restarts: Record<string, number>,
  init: Record<string, number> = {},
): Pod {
  const containers = (m: Record<string, number>) =>
    Object.entries(m).map(([name, n]) => ({ name, restarts: n }) as Pod['containers'][number]);
  return {
    name: `pod-${uid}`,
    uid,
    containers: containers(restarts),
    initContainers: containers(init),
  } as Pod;
}

describe('containerRestarts', () => {
  it('reports containers whose count went up in pods that were already there', () => {
    const prev = [pod('a', { web: 1, side: 0 }, { init: 0 })];
    const cur = [pod('a', { web: 2, side: 0 }, { init: 1 }), pod('b', { web: 5 })];
    expect(containerRestarts(prev, cur)).toEqual([
      { pod: 'pod-a', container: 'init' },
      { pod: 'pod-a', container: 'web' },
    ]);
  });

  it('ignores a container whose name at that position changed', () => {
    expect(containerRestarts([pod('a', { web: 0 })], [pod('a', { api: 3 })])).toEqual([]);
  });
});
