// `slant snapshot create`: the running session as a snapshot file (the web UI's offline viewer
// reads it, as Tilt's `tilt snapshot create` writes it): its view objects and every log line.
import type { Snapshot } from '@slant/api';
import type { ApiClient } from './api-client.ts';
import { fetchWebview } from './webview.ts';

export async function createSnapshot(client: ApiClient, now: Date): Promise<Snapshot> {
  return { view: await fetchWebview(client), path: '/', createdAt: now.toISOString() };
}
