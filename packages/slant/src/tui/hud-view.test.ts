import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UIResource } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { makeColors } from './colors.ts';
import { type HudLogLine, hudKey, hudResources, renderHud, tabLines } from './hud-view.ts';

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, 'testdata/session.json'), 'utf8'),
) as {
  uiResources: UIResource[];
  logs: HudLogLine[];
};
const expected = (name: string) =>
  readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8')
    .replace(/\n$/, '')
    .split('\n');
const plain = makeColors(false);

describe('renderHud', () => {
  const resources = hudResources(fixture.uiResources);

  it('lists resources in Tiltfile order with their state, and the selected log below', () => {
    const screen = renderHud(
      resources,
      fixture.logs,
      { selected: 1, tab: 1 },
      { columns: 64, rows: 14 },
      plain,
      'http://localhost:10350/',
    );
    expect(screen).toEqual(expected('hud-frontend-all-64x14.txt'));
  });

  it('tab 3 shows the runtime log only; long logs keep their newest lines in view', () => {
    const many: HudLogLine[] = Array.from({ length: 50 }, (_, i) => ({
      resource: 'frontend',
      spanId: i % 2 === 0 ? 'build:frontend:1' : 'pod:frontend:web-1',
      text: `line ${i}`,
    }));
    const screen = renderHud(
      resources,
      many,
      { selected: 1, tab: 3 },
      { columns: 64, rows: 12 },
      plain,
      undefined,
    );
    expect(screen).toHaveLength(12);
    expect(screen.slice(7, 11)).toEqual(['line 43', 'line 45', 'line 47', 'line 49']);
    expect(screen[6]).toMatch(/^── frontend — runtime log ─+$/);
  });

  it('marks the first line of an error as Tilt does', () => {
    const lines: HudLogLine[] = [
      {
        resource: 'frontend',
        spanId: 'build:frontend:1',
        text: 'Build Failed: boom',
        level: 'ERROR',
        anchor: true,
      },
      { resource: 'frontend', spanId: 'build:frontend:1', text: '  detail', level: 'ERROR' },
    ];
    const screen = renderHud(
      resources,
      lines,
      { selected: 1, tab: 1 },
      { columns: 64, rows: 12 },
      plain,
      undefined,
    );
    expect(screen.slice(7, 9)).toEqual(['ERROR: Build Failed: boom', '  detail']);
  });

  it('colours the state of each resource', () => {
    const screen = renderHud(
      resources,
      [],
      { selected: 0, tab: 1 },
      { columns: 64, rows: 10 },
      makeColors(true),
      undefined,
    );
    expect(screen[3]).toContain('\u001b[31m✖ error   \u001b[0m');
  });
});

describe('tabLines', () => {
  it("the Tiltfile's log holds the global lines", () => {
    expect(tabLines(fixture.logs, '(Tiltfile)', 1).map((l) => l.text)).toEqual([
      'Loading Tiltfile at: /app/Tiltfile',
    ]);
    expect(tabLines(fixture.logs, 'frontend', 2).map((l) => l.text)).toEqual([
      'Initial Build',
      'STEP 1/2 — Building Dockerfile',
    ]);
  });
});

describe('hudKey', () => {
  const s = { selected: 1, tab: 1 as const };
  it('moves the selection with arrows and j/k, within the list', () => {
    expect(hudKey(s, { input: 'j' }, 3)).toEqual({ selected: 2, tab: 1 });
    expect(hudKey({ ...s, selected: 2 }, { input: '', downArrow: true }, 3)).toEqual({
      selected: 2,
      tab: 1,
    });
    expect(hudKey(s, { input: '', upArrow: true }, 3)).toEqual({ selected: 0, tab: 1 });
    expect(hudKey({ ...s, selected: 0 }, { input: 'k' }, 3)).toEqual({ selected: 0, tab: 1 });
  });

  it('switches log tabs with 1/2/3 and leaves actions (t, b, enter) to the driver', () => {
    expect(hudKey(s, { input: '2' }, 3)).toEqual({ selected: 1, tab: 2 });
    expect(hudKey(s, { input: 't' }, 3)).toBeUndefined();
  });
});
