// The terminal driver of `slant up` / `slant ci`: prompt mode (greeting, live status line, keys),
// stream mode (filtered, coloured log lines) and the switch from one to the other, as Tilt's
// TerminalPrompt and TerminalStream do. What it shows comes from the pure renderers beside it;
// this file only wires them to the log store, the object store and the keyboard.
import type { UIResource } from '@slant/api';
import type { LogFilterOptions } from '../logs/filter.ts';
import type { LogStore } from '../logs/log-store.ts';
import type { ObjectStore } from '../store/store.ts';
import type { Colors } from './colors.ts';
import { promptGreeting, promptKey, startStatusLine } from './prompt.ts';
import { formatStreamLine } from './stream.ts';
import { countResources, summaryLine } from './summary.ts';

export type TerminalMode = 'prompt' | 'stream' | 'hud';

/** The keyboard: process.stdin in raw mode. */
export interface TerminalInput {
  setRawMode(raw: boolean): unknown;
  on(event: 'data', fn: (chunk: Buffer) => void): unknown;
  off(event: 'data', fn: (chunk: Buffer) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/** A full-screen view (hud.ts, loaded on demand); resolves when the user quits it. */
export type HudStarter = (deps: {
  store: ObjectStore;
  logs: LogStore;
  url: string | undefined;
}) => {
  done: Promise<void>;
  stop(): void;
};

export interface TerminalOptions {
  readonly mode: TerminalMode;
  readonly filter: LogFilterOptions;
  readonly colors: Colors;
  readonly url: string | undefined;
  readonly host: string;
  readonly version: string;
  readonly store: ObjectStore;
  readonly logs: LogStore;
  readonly write: (text: string) => void;
  /** Needed for prompt and full-screen modes. */
  readonly input?: TerminalInput;
  readonly openUrl: (url: string) => Promise<void>;
  /** Ctrl-C in raw mode (the terminal sends no SIGINT then). */
  readonly onExit: () => void;
  readonly startHud?: () => Promise<HudStarter>;
}

export interface Terminal {
  readonly mode: () => TerminalMode;
  stop(): void;
}

export function startTerminal(opts: TerminalOptions): Terminal {
  const { colors, write } = opts;
  let mode: TerminalMode = opts.mode;
  const cleanups: (() => void)[] = [];
  const cleanup = () => {
    for (const c of cleanups.splice(0).reverse()) c();
  };

  function startStream(backlog: boolean): void {
    mode = 'stream';
    const print = (line: Parameters<typeof formatStreamLine>[0]) => {
      const text = formatStreamLine(line, { filter: opts.filter, colors });
      if (text !== undefined) write(text);
    };
    if (backlog) for (const l of opts.logs.read()) print(l);
    cleanups.push(opts.logs.subscribe(print));
  }

  function startPrompt(input: TerminalInput): void {
    write(promptGreeting({ url: opts.url, host: opts.host, version: opts.version }, colors));
    let status = '';
    const render = () => {
      const uis = opts.store.list('UIResource') as UIResource[];
      const next = summaryLine(countResources(uis), colors);
      if (next === status) return;
      status = next;
      write(`\r\u001b[K${status}`);
    };
    // Status changes come in bursts: one redraw per burst.
    let timer: NodeJS.Timeout | undefined;
    const unwatch = opts.store.watch(
      () => {
        timer ??= setTimeout(() => {
          timer = undefined;
          render();
        }, 50);
      },
      { kind: 'UIResource' },
    );
    render();
    const say = (text: string) => {
      write(`\r\u001b[K${text}\n${status}`);
    };
    const onData = (chunk: Buffer) => {
      for (const key of chunk.toString('utf8')) {
        const action = promptKey(key);
        if (action === 'exit') opts.onExit();
        else if (action === 'open-browser' && opts.url !== undefined) {
          const url = opts.url;
          say(`Opening browser: ${url}`);
          opts.openUrl(url).catch((err: unknown) => say(`Error: ${(err as Error).message}`));
        } else if (action === 'stream') {
          stopPrompt();
          write('\r\u001b[K');
          startStream(true);
          return;
        } else if (action === 'hud' && opts.startHud !== undefined) {
          stopPrompt();
          write('\r\u001b[K');
          fullScreen(input);
          return;
        }
      }
    };
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
    const stopPrompt = () => {
      unwatch();
      if (timer !== undefined) clearTimeout(timer);
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      const i = cleanups.indexOf(stopPrompt);
      if (i >= 0) cleanups.splice(i, 1);
    };
    cleanups.push(stopPrompt);
  }

  /** The full-screen view; if it cannot start (e.g. no usable terminal), stream instead. */
  function fullScreen(input: TerminalInput): void {
    startFullScreen(input).catch((err: unknown) => {
      write(`Cannot open the full-screen view: ${(err as Error).message}\n`);
      startStream(true);
    });
  }

  async function startFullScreen(input: TerminalInput): Promise<void> {
    mode = 'hud';
    const start = await opts.startHud!();
    const hud = start({ store: opts.store, logs: opts.logs, url: opts.url });
    cleanups.push(() => hud.stop());
    await hud.done;
    // Quitting the full-screen view quits Slant, as q does in Tilt's legacy HUD.
    input.pause();
    opts.onExit();
  }

  if (opts.mode === 'prompt' && opts.input !== undefined) startPrompt(opts.input);
  else if (opts.mode === 'hud' && opts.input !== undefined && opts.startHud !== undefined) {
    fullScreen(opts.input);
  } else {
    write(`${startStatusLine(opts.url, opts.host, colors)}\n`);
    startStream(false);
  }
  return {
    mode: () => mode,
    stop: cleanup,
  };
}
