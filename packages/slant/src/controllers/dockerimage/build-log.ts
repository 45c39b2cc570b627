// Build output in Tilt's format: plain lines, lines indented under a build step (Tilt's
// prefixedLogger: "     " at every line start), and Docker's JSON output rendered as Tilt's
// readDockerOutput does (stream text as is, layer progress throttled to one line per 2 s).
import type { Clock } from '../../clock.ts';
import type { JsonMessage } from '../../docker/client.ts';
import type { LogLevel, LogWriter } from '../../logs/types.ts';
import { formatGoDuration } from '../../tiltfile/godur.ts';
import { humanSize } from '../../docker/human-size.ts';

export const STEP_PREFIX = '     ';

/** Where an object's build logs go: its resource and span annotations. */
export interface LogTarget {
  readonly resource: string;
  readonly spanId: string;
}

export class BuildLog {
  private readonly logs: LogWriter;
  private readonly target: LogTarget;
  private readonly clock: Clock;
  /** Whether the next prefixed write starts a line. */
  private atLineStart = true;
  private readonly progressPrinted = new Map<string, number>();

  constructor(logs: LogWriter, target: LogTarget, clock: Clock) {
    this.logs = logs;
    this.target = target;
    this.clock = clock;
  }

  /** A line as Tilt's Infof writes it (a newline is added). */
  info(line: string, level?: LogLevel): void {
    this.write(`${line}\n`, level);
  }

  /** A line under the current build step. */
  step(line: string): void {
    this.prefixed(`${line}\n`);
  }

  write(text: string, level?: LogLevel, fields?: Record<string, string>): void {
    this.logs.write({
      resource: this.target.resource,
      spanId: this.target.spanId,
      text,
      ...(level === undefined ? {} : { level }),
      ...(fields === undefined ? {} : { fields }),
    });
  }

  /** Text under the current step: every line start gets the step prefix. */
  prefixed(text: string, fields?: Record<string, string>): void {
    if (text === '') return;
    let out = this.atLineStart ? STEP_PREFIX + text : text;
    const endsInNewline = out.endsWith('\n');
    if (endsInNewline) out = out.slice(0, -1);
    out = out.replaceAll('\n', `\n${STEP_PREFIX}`);
    if (endsInNewline) out += '\n';
    this.atLineStart = endsInNewline;
    this.write(out, undefined, fields);
  }

  /** One message of a build or push, as Tilt prints it. */
  dockerMessage(m: JsonMessage): void {
    if (m.stream !== undefined && m.stream !== '') this.prefixed(m.stream);
    const p = m.progressDetail;
    if (m.id === undefined || m.id === '' || p === undefined) return;
    const current = p.current ?? 0;
    const total = p.total ?? 0;
    const now = this.clock.now().getTime();
    const last = this.progressPrinted.get(m.id);
    const shouldPrint = last === undefined || current === total || now - last > 2000;
    const shouldSkip = current === 0 && (m.status === 'Waiting' || m.status === 'Preparing');
    if (!shouldPrint || shouldSkip) return;
    const fields: Record<string, string> = { progressID: m.id };
    if (current === total) fields.progressMustPrint = '1';
    this.prefixed(`${m.id}: ${m.status ?? ''} ${renderProgress(p, now)}\n`, fields);
    this.progressPrinted.set(m.id, now);
  }
}

function pad8(s: string): string {
  return s.padStart(8);
}

/** jsonmessage.RenderTUIProgress at width 200: `[==>   ]  1.2MB/3.4MB 2s`. */
export function renderProgress(
  p: { current?: number; total?: number; start?: number; units?: string },
  nowMs: number,
): string {
  const current = p.current ?? 0;
  const total = p.total ?? 0;
  const units = p.units ?? '';
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return units === '' ? pad8(humanSize(current)) : `${current} ${units}`;
  const percentage = Math.min(50, Math.trunc(Math.trunc((current / total) * 100) / 2));
  const bar = `[${'='.repeat(percentage)}>${' '.repeat(Math.max(0, 50 - percentage))}] `;
  let numbers: string;
  if (units === '') {
    numbers =
      current > total
        ? pad8(humanSize(current))
        : `${pad8(humanSize(current))}/${humanSize(total)}`;
  } else {
    numbers = current > total ? `${current} ${units}` : `${current}/${total} ${units}`;
  }
  let left = '';
  const start = p.start ?? 0;
  if (current > 0 && start > 0 && percentage < 50) {
    const perEntry = (nowMs - start * 1000) / current;
    left = ` ${formatGoDuration(Math.round(((total - current) * perEntry) / 1000) * 1000)}`;
  }
  return bar + numbers + left;
}

/** Tilt's indent(): every line of a text indented, keeping a final newline. */
export function indent(text: string, by: string): string {
  if (text === '') return by;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text.replace(/\n+$/, '');
  const out = body
    .split('\n')
    .map((l) => by + l)
    .join('\n');
  return text.endsWith('\n') ? `${out}\n` : out;
}

/** Tilt's ProgressWriter line for the context upload. */
export function contextUploadLine(bytes: number, elapsedMs: number): string {
  return `Sending Docker build context: ${humanSize(bytes)} (${formatGoDuration(elapsedMs)})`;
}
