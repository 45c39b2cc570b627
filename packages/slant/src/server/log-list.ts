// Log lines of the log store as the web protocol's LogList: one segment per line (text ends in a
// newline), spans named once per batch, checkpoints equal to the store's line seqs, so a client
// that acknowledges `toCheckpoint` can resume right after it.
import type { LogList, LogSegment, LogSpan } from '@slant/api';
import type { LogLine } from '../logs/log-store.ts';
import { microTime } from '../controllers/common/time.ts';

export function toLogList(lines: readonly LogLine[], afterSeq: number): LogList {
  const spans: Record<string, LogSpan> = {};
  const segments: LogSegment[] = [];
  // Lines come in bursts within one millisecond: format each millisecond once.
  let lastMs = Number.NaN;
  let lastTime = '';
  for (const l of lines) {
    if (spans[l.spanId] === undefined) spans[l.spanId] = { manifestName: l.resource };
    const ms = l.time.getTime();
    if (ms !== lastMs) {
      lastMs = ms;
      lastTime = microTime(l.time);
    }
    const seg: LogSegment = { spanId: l.spanId, time: lastTime, text: `${l.text}\n` };
    if (l.level !== 'INFO') seg.level = l.level;
    if (l.anchor === true) seg.anchor = true;
    if (l.fields !== undefined) seg.fields = { ...l.fields };
    segments.push(seg);
  }
  const last = lines[lines.length - 1];
  // A reader that fell behind the ring sees the gap: fromCheckpoint is where its lines start.
  const first = lines[0];
  return {
    spans,
    segments,
    fromCheckpoint: first === undefined ? afterSeq : first.seq - 1,
    toCheckpoint: last === undefined ? afterSeq : last.seq,
  };
}
