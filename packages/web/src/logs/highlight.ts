// A log line as pieces to render: its ANSI-styled runs, cut where search matches begin and end,
// each piece marked when it lies in a match.
import { parseAnsi, type Style } from './ansi.ts';

export interface Piece {
  readonly text: string;
  readonly style: Style;
  readonly match: boolean;
}

export function pieces(text: string, ranges: readonly [number, number][]): Piece[] {
  const runs = parseAnsi(text);
  if (ranges.length === 0) return runs.map((r) => ({ ...r, match: false }));
  const out: Piece[] = [];
  let offset = 0;
  for (const run of runs) {
    const end = offset + run.text.length;
    let at = offset;
    for (const [a, b] of ranges) {
      if (b <= at || a >= end) continue;
      if (a > at)
        out.push({ text: run.text.slice(at - offset, a - offset), style: run.style, match: false });
      const to = Math.min(b, end);
      out.push({
        text: run.text.slice(Math.max(a, at) - offset, to - offset),
        style: run.style,
        match: true,
      });
      at = to;
    }
    if (at < end) out.push({ text: run.text.slice(at - offset), style: run.style, match: false });
    offset = end;
  }
  return out;
}
