// Streams one container's log into the LogWriter (Tilt's consumeLogs): asks for timestamped lines
// from `since`, drops every line at or before the last one already written for this container
// (so a reconnect or a restarted container never duplicates output), strips the timestamps and
// prefixes `[container] ` when the pod's output would be ambiguous.
import type { PodLogSource } from '../../k8s/pod-logs.ts';
import type { LogWriter } from '../../logs/types.ts';
import {
  compareTimestamps,
  LineSplitter,
  type LogTimestamp,
  splitTimestamp,
  timestampToDate,
} from './log-lines.ts';

/** Kubernetes sometimes ends a log stream with this instead of an HTTP error (Tilt #2487). */
const FSNOTIFY_FAILURE = 'failed to create fsnotify watcher: too many open files';

export interface ContainerStreamSpec {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** Where the output goes. */
  readonly resource: string;
  readonly spanId: string;
  readonly prefix: boolean;
  /** The spec's sinceTime: nothing older is ever streamed. */
  readonly sinceTime: Date | undefined;
}

/** The newest line written per container, shared by every stream of that container. */
export interface LastSeen {
  get(): LogTimestamp | undefined;
  set(ts: LogTimestamp): void;
}

/** Resolves with the error that ended the stream, or undefined when it ended cleanly. */
export async function streamContainer(
  spec: ContainerStreamSpec,
  deps: { source: PodLogSource; logs: LogWriter; lastSeen: LastSeen },
  signal: AbortSignal,
): Promise<string | undefined> {
  const { logs, lastSeen } = deps;
  const prefix = spec.prefix ? `[${spec.container}] ` : '';
  let lastText = '';
  const writeLine = (line: string) => {
    const { ts, text } = splitTimestamp(line);
    const seen = lastSeen.get();
    if (ts !== undefined && seen !== undefined && compareTimestamps(ts, seen) <= 0) return;
    if (ts !== undefined) lastSeen.set(ts);
    lastText = text;
    // An unterminated last line gets a newline too (as Tilt), so the next output starts clean.
    logs.write({ resource: spec.resource, spanId: spec.spanId, text: `${prefix}${text}\n` });
  };
  const splitter = new LineSplitter();
  const seen = lastSeen.get();
  const since = laterOf(spec.sinceTime, seen === undefined ? undefined : timestampToDate(seen));
  let error: string | undefined;
  try {
    await deps.source.stream(
      {
        namespace: spec.namespace,
        pod: spec.pod,
        container: spec.container,
        follow: true,
        timestamps: true,
        ...(since !== undefined ? { sinceTime: since } : {}),
      },
      (chunk) => {
        for (const line of splitter.push(chunk)) writeLine(line);
      },
      signal,
    );
  } catch (err) {
    if (!signal.aborted) error = err instanceof Error ? err.message : String(err);
  }
  const rest = splitter.flush();
  if (rest !== undefined && !signal.aborted) writeLine(rest);
  if (error === undefined && lastText.endsWith(FSNOTIFY_FAILURE)) {
    error = `${FSNOTIFY_FAILURE}. Consider adjusting inotify limits: https://kind.sigs.k8s.io/docs/user/known-issues/#pod-errors-due-to-too-many-open-files`;
  }
  return error;
}

function laterOf(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.getTime() >= b.getTime() ? a : b;
}
