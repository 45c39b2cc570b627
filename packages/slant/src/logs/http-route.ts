// `GET /apis/slant.dev/logs` on the session's REST API (its bearer token): the log store for `slant logs`. Lines are
// newline-delimited JSON, oldest first; `?resource=a&resource=b` keeps those resources,
// `?afterSeq=N` resumes after a line, `?follow=true` keeps the response open and sends each new
// line as it completes. Filtering by level, source and time is the client's (logs/filter.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogLine, LogStore } from './log-store.ts';

export const LOGS_PATH = '/apis/slant.dev/logs';

/** What a line looks like on the wire. */
export interface WireLogLine {
  readonly seq: number;
  readonly resource: string;
  readonly spanId: string;
  readonly level: LogLine['level'];
  readonly time: string;
  readonly text: string;
  readonly fields?: Readonly<Record<string, string>>;
  readonly anchor?: true;
}

function wire(l: LogLine): string {
  const out: WireLogLine = {
    seq: l.seq,
    resource: l.resource,
    spanId: l.spanId,
    level: l.level,
    time: l.time.toISOString(),
    text: l.text,
    ...(l.fields === undefined ? {} : { fields: l.fields }),
    ...(l.anchor === true ? { anchor: true as const } : {}),
  };
  return `${JSON.stringify(out)}\n`;
}

/** A route for the API server: true when it handled the request. */
export function logsRoute(logs: LogStore) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname !== LOGS_PATH || req.method !== 'GET') return false;
    const resources = new Set(url.searchParams.getAll('resource'));
    const keep = (l: LogLine) => resources.size === 0 || resources.has(l.resource);
    const after = Number(url.searchParams.get('afterSeq') ?? '0') || 0;
    const follow = url.searchParams.get('follow') === 'true';
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' });
    // Read and subscribe in one synchronous step: no line falls between the two.
    const backlog = logs.read({ afterSeq: after }).filter(keep);
    if (!follow) {
      res.end(backlog.map(wire).join(''));
      return true;
    }
    if (backlog.length > 0) res.write(backlog.map(wire).join(''));
    const unsubscribe = logs.subscribe((l) => {
      if (keep(l)) res.write(wire(l));
    });
    res.on('close', unsubscribe);
    return true;
  };
}
