// BuildKit progress in the build log as Tilt's buildkitPrinter writes it: each step's name when it
// starts (`[2/2] COPY … [cached]`), its output under `  → `, `[done: 52ms]` when it ends, download
// progress summed over layers, and `ERROR IN: …` for the failed step. The steps also become the
// DockerImage's stageStatuses.
import type { DockerImageStageStatus } from '@slant/api';
import type { BuildkitStatus, BuildkitVertex } from '../../docker/buildkit-status.ts';
import { formatGoDuration } from '../../tiltfile/godur.ts';
import type { BuildLog } from './build-log.ts';
import { microTime } from './refs.ts';

const INTERNAL_PREFIX = '[internal]';
const INTERNAL_LOADER = '[internal] load build context';
const LOG_PREFIX = '  → ';

interface Progress {
  current: number;
  total: number;
  timestamp: number;
}

interface VertexState {
  vertex: BuildkitVertex;
  duration: number;
  startPrinted: boolean;
  errorPrinted: boolean;
  completePrinted: boolean;
  durationPrinted: number;
  logs: Uint8Array[];
  logsPrinted: number;
  logAtLineStart: boolean;
  /** Per downloadable layer. */
  statuses: Map<string, Progress>;
  lastPrinted: Progress;
}

const hidden = (v: BuildkitVertex): boolean =>
  v.name.startsWith(INTERNAL_PREFIX) && v.name !== INTERNAL_LOADER;
const humanName = (v: BuildkitVertex): string =>
  v.name === INTERNAL_LOADER ? '[background] read source files' : v.name;
const stageName = (v: BuildkitVertex): string => /^\[.+\]/.exec(v.name)?.[0] ?? humanName(v);

/** tonistiigi/units `%.2f`: whole bytes below 1 kB, else two decimals and a decimal unit. */
export function unitsBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let i = 0;
  let base = 1;
  while (i < units.length - 1 && n >= base * 1000) {
    base *= 1000;
    i++;
  }
  return i === 0 ? `${n}B` : `${(n / base).toFixed(2)}${units[i]}`;
}

function combined(statuses: Map<string, Progress>): Progress {
  const out = { current: 0, total: 0, timestamp: 0 };
  for (const s of statuses.values()) {
    out.current += s.current;
    out.total += s.total;
    out.timestamp = Math.max(out.timestamp, s.timestamp);
  }
  return out;
}

export class BuildkitPrinter {
  private readonly log: BuildLog;
  private readonly vertexes = new Map<string, VertexState>();

  constructor(log: BuildLog) {
    this.log = log;
  }

  print(status: BuildkitStatus): void {
    for (const v of status.vertexes) {
      const known = this.vertexes.get(v.digest);
      const duration =
        v.started !== undefined && v.completed !== undefined ? v.completed - v.started : 0;
      if (known === undefined) {
        this.vertexes.set(v.digest, {
          vertex: v,
          duration,
          startPrinted: false,
          errorPrinted: false,
          completePrinted: false,
          durationPrinted: 0,
          logs: [],
          logsPrinted: 0,
          logAtLineStart: true,
          statuses: new Map(),
          lastPrinted: { current: 0, total: 0, timestamp: 0 },
        });
        continue;
      }
      // BuildKit sends several completions for a step: the longest duration wins.
      known.duration = Math.max(known.duration, duration);
      known.vertex = { ...v, error: v.error === '' ? known.vertex.error : v.error };
    }
    for (const l of status.logs) this.vertexes.get(l.vertex)?.logs.push(l.msg);
    for (const s of status.statuses) {
      this.vertexes
        .get(s.vertex)
        ?.statuses.set(s.id, { current: s.current, total: s.total, timestamp: s.timestamp ?? 0 });
    }
    for (const state of this.vertexes.values()) this.printVertex(state);
  }

  private printVertex(state: VertexState): void {
    const v = state.vertex;
    const isError = v.error !== '';
    if (v.started !== undefined && !state.startPrinted && !hidden(v)) {
      this.log.prefixed(`${humanName(v)}${v.cached ? ' [cached]' : ''}\n`, {
        progressID: stageName(v),
      });
      state.startPrinted = true;
    }
    if (isError && !state.errorPrinted) {
      this.log.prefixed(`\nERROR IN: ${humanName(v)}\n`);
      state.errorPrinted = true;
    }
    if (isError || !hidden(v)) this.flushLogs(state);
    if (hidden(v) || v.cached || isError) return;

    const status = combined(state.statuses);
    const last = state.lastPrinted;
    let showProgress = false;
    if (last.total !== status.total) showProgress = true;
    else if (status.total > 0) {
      showProgress =
        (status.current - last.current) / status.total >= 0.01 &&
        status.timestamp - last.timestamp > 2000;
    } else if (status.current > 0) {
      showProgress =
        (status.current - last.current) / status.current >= 0.05 &&
        status.timestamp - last.timestamp > 2000;
    }
    let bytes = '';
    if (status.total !== 0) {
      bytes = ` ${unitsBytes(status.current)} / ${unitsBytes(status.total)}`;
    } else if (status.current !== 0) bytes = ` ${unitsBytes(status.current)}`;
    const showCompletion =
      v.completed !== undefined &&
      state.duration > 10 &&
      (!state.completePrinted || state.durationPrinted < state.duration);
    const fields: Record<string, string> = { progressID: stageName(v) };
    let done = '';
    if (showCompletion) {
      done = ` [done: ${formatGoDuration(Math.trunc(state.duration))}]`;
      state.completePrinted = true;
      state.durationPrinted = state.duration;
      fields.progressMustPrint = '1';
    }
    if (showCompletion || showProgress) {
      this.log.prefixed(`${humanName(v)}${bytes}${done}\n`, fields);
      state.lastPrinted = status;
    }
  }

  // A step's output under `  → ` at each line start (Tilt's prefixed logger).
  private flushLogs(state: VertexState): void {
    while (state.logsPrinted < state.logs.length) {
      const text = Buffer.from(state.logs[state.logsPrinted++] as Uint8Array).toString('utf8');
      if (text === '') continue;
      const lines = text.split('\n');
      const out = lines
        .map((l, i) => {
          const atStart = i === 0 ? state.logAtLineStart : true;
          return atStart && (l !== '' || i < lines.length - 1) ? LOG_PREFIX + l : l;
        })
        .join('\n');
      state.logAtLineStart = text.endsWith('\n');
      this.log.prefixed(out);
    }
  }

  /** The steps in the order BuildKit announced them (Tilt's toStageStatuses). */
  stageStatuses(): DockerImageStageStatus[] {
    return [...this.vertexes.values()].map(({ vertex: v }) => ({
      name: v.name,
      ...(v.cached ? { cached: true } : {}),
      ...(v.started === undefined ? {} : { startedAt: microTime(new Date(v.started)) }),
      ...(v.completed === undefined ? {} : { finishedAt: microTime(new Date(v.completed)) }),
      ...(v.error === '' ? {} : { error: v.error }),
    }));
  }
}
