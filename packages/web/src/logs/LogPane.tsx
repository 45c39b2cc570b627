// The log view: a virtualised list (only the rows on screen are in the DOM, each one line high,
// so a million lines cost what forty do; window.ts picks them), ANSI colours, search highlights, and follow: it stays
// at the bottom as lines arrive until the user scrolls up, and follows again at the bottom.
import type { CSSProperties } from 'react';
import { useLayoutEffect, useRef, useState } from 'react';
import type { Style } from './ansi.ts';
import { stripAnsi } from './ansi.ts';
import type { Search } from './filter.ts';
import { pieces } from './highlight.ts';
import type { LogLine } from './log-store.ts';
import { MAX_SCROLL_PX, visibleWindow } from './window.ts';

export const ROW_HEIGHT = 18;
const OVERSCAN = 20;

function css(s: Style): CSSProperties | undefined {
  if (Object.keys(s).length === 0) return undefined;
  return {
    ...(s.fg === undefined ? {} : { color: s.fg }),
    ...(s.bg === undefined ? {} : { backgroundColor: s.bg }),
    ...(s.bold === true ? { fontWeight: 'bold' } : {}),
    ...(s.dim === true ? { opacity: 0.7 } : {}),
    ...(s.italic === true ? { fontStyle: 'italic' } : {}),
    ...(s.underline === true ? { textDecoration: 'underline' } : {}),
  };
}

function Line({
  line,
  search,
  prefix,
}: {
  line: LogLine;
  search: Search | undefined;
  prefix: boolean;
}) {
  const ranges = search === undefined ? [] : search.ranges(stripAnsi(line.text));
  return (
    <div className={`log-line level-${line.level}`} data-seq={line.seq}>
      {prefix && <span className="log-prefix">{line.manifestName || 'global'}</span>}
      {pieces(line.text, ranges).map((p, i) =>
        p.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one line never reorder.
          <mark key={i} style={css(p.style)}>
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one line never reorder.
          <span key={i} style={css(p.style)}>
            {p.text}
          </span>
        ),
      )}
    </div>
  );
}

export interface LogPaneProps {
  readonly lines: readonly LogLine[];
  readonly version: number;
  readonly search: Search | undefined;
  /** Show each line's resource (the all-resources view). */
  readonly prefix: boolean;
  readonly follow: boolean;
  readonly setFollow: (on: boolean) => void;
}

export function LogPane(props: LogPaneProps) {
  const { lines, follow, setFollow } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(800);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new lines must scroll a following pane.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    setHeight(el.clientHeight);
    if (follow) {
      el.scrollTop = el.scrollHeight;
      setTop(el.scrollTop);
    }
  }, [props.version, lines.length, follow]);
  const { spacer, first, last, offset } = visibleWindow({
    rows: lines.length,
    rowHeight: ROW_HEIGHT,
    top,
    height,
    maxPx: MAX_SCROLL_PX,
    overscan: OVERSCAN,
  });
  const rows: LogLine[] = [];
  for (let i = first; i < last; i++) rows.push(lines[i] as LogLine);
  return (
    <div
      className="log-pane"
      ref={ref}
      data-testid="log-pane"
      data-lines={lines.length}
      onScroll={(e) => {
        const el = e.currentTarget;
        setTop(el.scrollTop);
        const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT * 2;
        if (atBottom !== follow) setFollow(atBottom);
      }}
    >
      <div style={{ height: spacer, position: 'relative' }}>
        <div style={{ position: 'absolute', top: offset, left: 0, right: 0 }}>
          {rows.map((l) => (
            <Line key={l.id} line={l} search={props.search} prefix={props.prefix} />
          ))}
        </div>
      </div>
      {lines.length === 0 && <div className="muted log-empty">No logs.</div>}
    </div>
  );
}
