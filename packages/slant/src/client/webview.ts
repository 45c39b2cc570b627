// The web UI's view and the log store, read from a running session's API: `slant dump webview`
// (what `GET /api/view` serves the web app, built from the same parts), `slant dump logstore`,
// and `slant snapshot create`.
import type { Cluster, Session, UIButton, UIResource, View } from '@slant/api';
import { LOGS_PATH, type WireLogLine } from '../logs/http-route.ts';
import type { LogLine } from '../logs/log-store.ts';
import { toLogList } from '../server/log-list.ts';
import { viewOf } from '../server/view.ts';
import { SLANT_VERSION } from '../version.ts';
import { type ApiClient, ndjsonLines } from './api-client.ts';
import { toJson } from './printers.ts';

/** Every kept log line of the session, oldest first. */
export async function readLogLines(client: ApiClient): Promise<LogLine[]> {
  const res = await client.request(LOGS_PATH);
  const lines: LogLine[] = [];
  for await (const raw of ndjsonLines(res)) {
    const l = JSON.parse(raw) as WireLogLine;
    lines.push({ ...l, time: new Date(l.time) });
  }
  return lines;
}

/** The complete view with every kept log line, as the session's web server gives it. */
export async function fetchWebview(client: ApiClient): Promise<View> {
  const [resources, buttons, clusters, sessions, lines] = await Promise.all([
    client.list<UIResource>('UIResource'),
    client.list<UIButton>('UIButton'),
    client.list<Cluster>('Cluster'),
    client.list<Session>('Session'),
    readLogLines(client),
  ]);
  const session = sessions.items[0];
  const info = {
    startTime: session?.status?.startTime ?? '',
    tiltfileKey: session?.spec.tiltfilePath ?? '',
    // This client's version: the session runs the same install (the API doesn't say its own).
    version: SLANT_VERSION,
  };
  const objects = {
    uiResources: resources.items,
    uiButtons: buttons.items,
    clusters: clusters.items,
  };
  return { ...viewOf(info, objects), logList: toLogList(lines, 0) };
}

/** `slant dump webview`: the view as indented JSON (Go's encoder: sorted keys, two spaces). */
export async function dumpWebview(client: ApiClient): Promise<string> {
  return toJson(await fetchWebview(client), 2);
}

interface LogStoreSpan {
  readonly ManifestName: string;
  FirstSegmentIndex: number;
  LastSegmentIndex: number;
}

/**
 * `slant dump logstore`: Tilt's LogStore (spans by ID with their resource and first/last segment
 * index, then the segments), from Slant's lines: a Slant line is whole, so each segment is one
 * line with its newline and none continues another; CheckpointOffset counts the lines the store
 * has dropped to stay bounded.
 */
export async function dumpLogStore(client: ApiClient): Promise<string> {
  const lines = await readLogLines(client);
  const spans: Record<string, LogStoreSpan> = {};
  const segments = lines.map((l, i) => {
    const span = spans[l.spanId];
    if (span === undefined) {
      spans[l.spanId] = { ManifestName: l.resource, FirstSegmentIndex: i, LastSegmentIndex: i };
    } else span.LastSegmentIndex = i;
    return {
      SpanID: l.spanId,
      Time: l.time.toISOString(),
      Text: `${l.text}\n`,
      Level: l.level,
      ...(l.fields === undefined ? {} : { Fields: l.fields }),
      ...(l.anchor === true ? { Anchor: true } : {}),
    };
  });
  const offset = lines[0] === undefined ? 0 : lines[0].seq - 1;
  return toJson({ CheckpointOffset: offset, Segments: segments, Spans: spans }, 2);
}
