// The full-screen view (Tilt's legacy HUD) as a pure function: resources with their status on
// top, the selected resource's log below (tab 1 all, 2 build, 3 runtime), the keys at the
// bottom. hud.ts draws these lines with ink and turns keys into state changes.
import type { UIResource } from '@slant/api';
import { isBuildSpan } from '../logs/filter.ts';
import { levelPrefix } from '../logs/log-store.ts';
import type { LogLevel } from '../logs/types.ts';
import type { Colors } from './colors.ts';
import { resourceState } from './summary.ts';

export interface HudResource {
  readonly name: string;
  readonly state: ReturnType<typeof resourceState>;
  /** e.g. `ok`, `in_progress`, `error`. */
  readonly update: string;
  readonly runtime: string;
  readonly endpoint?: string;
  readonly error?: string;
}

export interface HudLogLine {
  readonly resource: string;
  readonly spanId: string;
  readonly text: string;
  readonly level?: LogLevel;
  /** The first line of a warning or an error: shown after "WARNING: " / "ERROR: ". */
  readonly anchor?: boolean;
}

export type LogTab = 1 | 2 | 3;

export interface HudState {
  readonly selected: number;
  readonly tab: LogTab;
}

export interface HudSize {
  readonly columns: number;
  readonly rows: number;
}

const TAB_NAMES: Readonly<Record<LogTab, string>> = {
  1: 'all logs',
  2: 'build log',
  3: 'runtime log',
};

/** The resources in display order, from the UIResources (Tiltfile first, then Tiltfile order). */
export function hudResources(uis: readonly UIResource[]): HudResource[] {
  return [...uis]
    .sort(
      (a, b) =>
        (a.status?.order ?? 0) - (b.status?.order ?? 0) ||
        a.metadata.name.localeCompare(b.metadata.name),
    )
    .map((ui) => {
      const s = ui.status ?? {};
      const error = s.buildHistory?.[0]?.error;
      const endpoint = s.endpointLinks?.[0]?.url;
      return {
        name: ui.metadata.name,
        state: resourceState(ui),
        update: s.updateStatus ?? 'none',
        runtime: s.runtimeStatus ?? 'unknown',
        ...(endpoint === undefined ? {} : { endpoint }),
        ...(error === undefined || error === '' ? {} : { error }),
      };
    });
}

/** The log lines a tab shows for a resource (the Tiltfile's tab shows the global lines too). */
export function tabLines(
  lines: readonly HudLogLine[],
  resource: string,
  tab: LogTab,
): HudLogLine[] {
  const tiltfile = resource === '(Tiltfile)';
  return lines.filter((l) => {
    const mine = l.resource === resource || (tiltfile && l.resource === '');
    if (!mine) return false;
    if (tab === 2) return isBuildSpan(l.spanId) || tiltfile;
    if (tab === 3) return !isBuildSpan(l.spanId);
    return true;
  });
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

function stateLabel(r: HudResource, colors: Colors): string {
  switch (r.state) {
    case 'ok':
      return colors.green('● ok      ');
    case 'error':
      return colors.red('✖ error   ');
    case 'disabled':
      return colors.grey('○ disabled');
    default:
      return colors.yellow('◌ pending ');
  }
}

export function renderHud(
  resources: readonly HudResource[],
  lines: readonly HudLogLine[],
  state: HudState,
  size: HudSize,
  colors: Colors,
  url: string | undefined,
): string[] {
  const width = Math.max(20, size.columns);
  const out: string[] = [];
  out.push(colors.bold(fit(`Slant${url === undefined ? '' : `  ${url}`}`, width)));
  const nameWidth = Math.min(30, Math.max(8, ...resources.map((r) => r.name.length)));
  resources.forEach((r, i) => {
    const cursor = i === state.selected ? '▶' : ' ';
    const detail =
      r.error ??
      (r.endpoint === undefined ? `update ${r.update}, runtime ${r.runtime}` : r.endpoint);
    const row = `${cursor} ${fit(r.name, nameWidth).padEnd(nameWidth)}  ${stateLabel(r, colors)}  `;
    out.push(`${row}${fit(detail, Math.max(0, width - nameWidth - 16))}`);
  });
  const selected = resources[state.selected];
  const title = selected === undefined ? '' : ` ${selected.name} — ${TAB_NAMES[state.tab]} `;
  out.push(`──${title}${'─'.repeat(width)}`.slice(0, width));
  const footer = fit(
    '↑/↓ select  enter browser  t trigger  b endpoint  1 all  2 build  3 runtime  q quit',
    width,
  );
  const room = Math.max(0, size.rows - out.length - 1);
  const logs = selected === undefined ? [] : tabLines(lines, selected.name, state.tab);
  for (const l of logs.slice(Math.max(0, logs.length - room)))
    out.push(fit(`${levelPrefix(l)}${l.text}`, width));
  while (out.length < size.rows - 1) out.push('');
  out.push(colors.grey(footer));
  return out;
}

/** The next state for a key (or undefined when the key is an action, not a state change). */
export function hudKey(
  state: HudState,
  key: { input: string; upArrow?: boolean; downArrow?: boolean },
  count: number,
): HudState | undefined {
  if (key.upArrow === true || key.input === 'k') {
    return { ...state, selected: Math.max(0, state.selected - 1) };
  }
  if (key.downArrow === true || key.input === 'j') {
    return { ...state, selected: Math.min(Math.max(0, count - 1), state.selected + 1) };
  }
  if (key.input === '1' || key.input === '2' || key.input === '3') {
    return { ...state, tab: Number(key.input) as LogTab };
  }
  return undefined;
}
