// The full-screen view, drawn with ink: renderHud's lines (hud-view.ts) in the terminal's
// alternate screen, redrawn when resources or logs change; keys as in Tilt's legacy HUD.
import type { UIResource } from '@slant/api';
import { Text, render, useApp, useInput, useStdout } from 'ink';
import { createElement, useEffect, useState } from 'react';
import { addToTriggerQueue } from '../engine/trigger-queue.ts';
import type { LogStore } from '../logs/log-store.ts';
import type { ObjectStore } from '../store/store.ts';
import { makeColors } from './colors.ts';
import { type HudState, hudKey, hudResources, renderHud } from './hud-view.ts';
import type { HudStarter } from './terminal.ts';

/** Log lines kept for the view: enough to fill any screen. */
const MAX_LINES = 5000;

interface HudProps {
  readonly store: ObjectStore;
  readonly logs: LogStore;
  readonly url: string | undefined;
  readonly openUrl: (url: string) => void;
}

function terminalSize(stdout: NodeJS.WritableStream): { columns: number; rows: number } {
  const tty = stdout as Partial<NodeJS.WriteStream>;
  return { columns: tty.columns ?? 80, rows: tty.rows ?? 24 };
}

function Hud(props: HudProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [state, setState] = useState<HudState>({ selected: 0, tab: 1 });
  const [, setTick] = useState(0);
  // Redraw at most every 100 ms when the store or the log changes.
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const bump = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setTick((t) => t + 1);
      }, 100);
    };
    const unwatch = props.store.watch(bump, { kind: 'UIResource' });
    const unsubscribe = props.logs.subscribe(bump);
    return () => {
      unwatch();
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [props.store, props.logs]);
  const resources = hudResources(props.store.list('UIResource') as UIResource[]);
  const selected = resources[Math.min(state.selected, resources.length - 1)];
  useInput((input, key) => {
    if (input === 'q') {
      exit();
      return;
    }
    const next = hudKey(
      state,
      { input, upArrow: key.upArrow, downArrow: key.downArrow },
      resources.length,
    );
    if (next !== undefined) setState(next);
    else if (selected === undefined) return;
    else if (key.return && props.url !== undefined) {
      props.openUrl(
        `${props.url.replace(/\/$/, '')}/r/${encodeURIComponent(selected.name)}/overview`,
      );
    } else if (input === 't') addToTriggerQueue(props.store, selected.name);
    else if (input === 'b' && selected.endpoint !== undefined) props.openUrl(selected.endpoint);
  });
  const lines = props.logs.read().slice(-MAX_LINES);
  const screen = renderHud(
    resources,
    lines,
    { ...state, selected: Math.max(0, Math.min(state.selected, resources.length - 1)) },
    terminalSize(stdout),
    makeColors(true),
    props.url,
  );
  return createElement(Text, null, screen.join('\n'));
}

/** Starts the view on the process's terminal; `done` settles when the user quits (q, ctrl-c). */
export function makeHudStarter(openUrl: (url: string) => void): HudStarter {
  return ({ store, logs, url }) => {
    process.stdout.write('\u001b[?1049h');
    const app = render(createElement(Hud, { store, logs, url, openUrl }), { exitOnCtrlC: true });
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      app.unmount();
      process.stdout.write('\u001b[?1049l');
    };
    const done = app.waitUntilExit().then(leave, leave);
    return { done, stop: leave };
  };
}
