// `slant logs`: reads the session's log store over `GET /apis/slant.dev/logs`, filters as Tilt's log
// filter does, and prints lines with their resource prefix (or as JSON Lines).
import {
  jsonLogLine,
  type LogFilterOptions,
  matchesLogFilter,
  suppressPrefix,
} from '../logs/filter.ts';
import { LOGS_PATH, type WireLogLine } from '../logs/http-route.ts';
import { levelPrefix, sourcePrefix } from '../logs/log-store.ts';
import { type ApiClient, ndjsonLines } from './api-client.ts';
import { noSuchResource } from './resources.ts';

export interface LogsOptions {
  readonly filter: LogFilterOptions;
  /** Lines from the end (-1 = all), applied to the history only. */
  readonly tail: number;
  readonly json: boolean;
  readonly follow: boolean;
  readonly signal?: AbortSignal;
  readonly write: (text: string) => void;
}

export function formatLogLine(line: WireLogLine, opts: { prefix: boolean; json: boolean }): string {
  if (opts.json) return `${jsonLogLine(line)}\n`;
  return `${opts.prefix ? sourcePrefix(line.resource) : ''}${levelPrefix(line)}${line.text}\n`;
}

/** Prints the history (tail applied), then, with follow, each new line until the stream ends. */
export async function streamLogs(client: ApiClient, opts: LogsOptions): Promise<void> {
  if (opts.filter.resources.length > 0) {
    const known = (await client.list('UIResource')).items.map((u) => u.metadata.name);
    const unknown = opts.filter.resources.find((r) => !known.includes(r));
    if (unknown !== undefined) throw noSuchResource(unknown, known);
  }
  const q = new URLSearchParams();
  for (const r of opts.filter.resources) q.append('resource', r);
  const fmt = { prefix: !suppressPrefix(opts.filter, opts.json), json: opts.json };
  const history = await client.request(`${LOGS_PATH}?${q}`);
  if (!history.ok) throw new Error(`reading logs: ${history.status} ${await history.text()}`);
  let lastSeq = 0;
  const kept: WireLogLine[] = [];
  for await (const raw of ndjsonLines(history)) {
    const line = JSON.parse(raw) as WireLogLine;
    lastSeq = line.seq;
    if (matchesLogFilter(opts.filter, line)) kept.push(line);
  }
  const shown = opts.tail >= 0 ? kept.slice(Math.max(0, kept.length - opts.tail)) : kept;
  opts.write(shown.map((l) => formatLogLine(l, fmt)).join(''));
  if (!opts.follow) return;
  q.set('follow', 'true');
  q.set('afterSeq', String(lastSeq));
  const live = await client.request(
    `${LOGS_PATH}?${q}`,
    opts.signal ? { signal: opts.signal } : {},
  );
  for await (const raw of ndjsonLines(live, opts.signal)) {
    const line = JSON.parse(raw) as WireLogLine;
    if (matchesLogFilter(opts.filter, line)) opts.write(formatLogLine(line, fmt));
  }
}
