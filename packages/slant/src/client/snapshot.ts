// `slant snapshot create`: the running session as a snapshot file (the web UI's offline viewer
// reads it, as Tilt's `tilt snapshot create` writes it): its view objects and every log line.
import type { Cluster, Session, Snapshot, UIButton, UIResource, View } from '@slant/api';
import { LOGS_PATH, type WireLogLine } from '../logs/http-route.ts';
import { toLogList } from '../server/log-list.ts';
import { type ApiClient, ndjsonLines } from './api-client.ts';

export async function createSnapshot(client: ApiClient, now: Date): Promise<Snapshot> {
  const [resources, buttons, clusters, sessions] = await Promise.all([
    client.list<UIResource>('UIResource'),
    client.list<UIButton>('UIButton'),
    client.list<Cluster>('Cluster'),
    client.list<Session>('Session'),
  ]);
  const res = await client.request(LOGS_PATH);
  const lines = [];
  for await (const raw of ndjsonLines(res)) {
    const l = JSON.parse(raw) as WireLogLine;
    lines.push({ ...l, time: new Date(l.time) });
  }
  const startTime = sessions.items[0]?.status?.startTime;
  const view: View = {
    isComplete: true,
    ...(startTime === undefined ? {} : { tiltStartTime: startTime }),
    uiResources: resources.items,
    uiButtons: buttons.items,
    clusters: clusters.items,
    logList: toLogList(lines, 0),
  };
  return { view, path: '/', createdAt: now.toISOString() };
}
