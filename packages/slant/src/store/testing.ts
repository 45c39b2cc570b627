// Builders shared by store and engine tests.
import type { ConfigMap, OwnerReference } from '@slant/api';
import { FakeClock } from '../clock.ts';
import { ObjectStore } from './store.ts';
import type { WatchEvent } from './watch.ts';

export function newTestStore(clock = new FakeClock()): ObjectStore {
  let n = 0;
  return new ObjectStore({ clock, newUid: () => `uid-${++n}` });
}

export function configMap(
  name: string,
  data: Record<string, string> = {},
  meta: { labels?: Record<string, string>; ownerReferences?: OwnerReference[] } = {},
): ConfigMap {
  return { apiVersion: 'tilt.dev/v1alpha1', kind: 'ConfigMap', metadata: { name, ...meta }, data };
}

/** Lets queued watch events and settled promises run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** `ADDED ConfigMap/a` lines: compact expectations for event order. */
export function describeEvents(events: readonly WatchEvent[]): string[] {
  return events.map((e) => `${e.type} ${e.object.kind}/${e.object.metadata.name}`);
}
