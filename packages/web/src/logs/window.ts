// Which rows of a long list are drawn for a scroll position. Browsers cap an element's height
// (about 33M px in Chromium, under 2M rows of 18 px), so past `maxPx` the scroll range stands for
// the whole list proportionally: the scrollbar still reaches every line, and the bottom of the
// range shows the last one.

export interface WindowInput {
  readonly rows: number;
  readonly rowHeight: number;
  /** The scroll position and the viewport's height, in px. */
  readonly top: number;
  readonly height: number;
  readonly maxPx: number;
  readonly overscan: number;
}

export interface Window {
  /** Height of the scrolled content. */
  readonly spacer: number;
  /** Rows [first, last) are drawn, the first at `offset` px from the content's top. */
  readonly first: number;
  readonly last: number;
  readonly offset: number;
}

export const MAX_SCROLL_PX = 15_000_000;

export function visibleWindow(w: WindowInput): Window {
  const total = w.rows * w.rowHeight;
  if (total <= w.maxPx) {
    const first = Math.max(0, Math.floor(w.top / w.rowHeight) - w.overscan);
    const last = Math.min(w.rows, Math.ceil((w.top + w.height) / w.rowHeight) + w.overscan);
    return { spacer: total, first, last, offset: first * w.rowHeight };
  }
  const visible = Math.ceil(w.height / w.rowHeight);
  const range = Math.max(1, w.maxPx - w.height);
  const firstVisible = Math.round(Math.min(1, w.top / range) * Math.max(0, w.rows - visible));
  const first = Math.max(0, firstVisible - w.overscan);
  const last = Math.min(w.rows, firstVisible + visible + w.overscan);
  return { spacer: w.maxPx, first, last, offset: w.top - (firstVisible - first) * w.rowHeight };
}
