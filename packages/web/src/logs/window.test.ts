import { describe, expect, test } from 'vitest';
import { visibleWindow } from './window.ts';

const base = { rowHeight: 18, height: 180, maxPx: 18_000, overscan: 2 };

describe('visibleWindow', () => {
  test('a list under the height cap is drawn at its place, with overscan', () => {
    expect(visibleWindow({ ...base, rows: 100, top: 360 })).toEqual({
      spacer: 1800,
      first: 18,
      last: 32,
      offset: 324,
    });
  });

  test('past the cap the scroll range maps onto the whole list; its end shows the last rows', () => {
    const rows = 1_000_000;
    expect(visibleWindow({ ...base, rows, top: 0 })).toMatchObject({ spacer: 18_000, first: 0 });
    const end = visibleWindow({ ...base, rows, top: 18_000 - 180 });
    expect(end.last).toBe(rows);
    // The last row sits at the viewport's bottom edge.
    expect(end.offset + (rows - end.first) * 18).toBe(18_000);
    const middle = visibleWindow({ ...base, rows, top: (18_000 - 180) / 2 });
    expect(middle.first).toBe(499_993);
  });
});
