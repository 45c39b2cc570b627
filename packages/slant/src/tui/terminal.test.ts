import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.ts';
import { uiResource } from '../client/testing.ts';
import { LogStore } from '../logs/log-store.ts';
import { newTestStore } from '../store/testing.ts';
import { makeColors } from './colors.ts';
import {
  startTerminal,
  type Terminal,
  type TerminalInput,
  type TerminalOptions,
} from './terminal.ts';

class FakeInput extends EventEmitter implements TerminalInput {
  raw = false;
  setRawMode(raw: boolean) {
    this.raw = raw;
  }
  resume() {}
  pause() {}
  type(keys: string) {
    this.emit('data', Buffer.from(keys));
  }
}

let term: Terminal | undefined;
afterEach(() => term?.stop());

function setup(
  mode: 'prompt' | 'stream' | 'hud',
  resources: string[] = [],
  startHud?: TerminalOptions['startHud'],
) {
  const clock = new FakeClock();
  const store = newTestStore(clock);
  const logs = new LogStore({ clock });
  const input = new FakeInput();
  let out = '';
  const opened: string[] = [];
  let exits = 0;
  term = startTerminal({
    mode,
    filter: { resources, source: 'all' },
    colors: makeColors(false),
    url: 'http://localhost:10350/',
    host: 'localhost',
    version: '0.1.0',
    store,
    logs,
    write: (t) => {
      out += t;
    },
    input,
    openUrl: async (u) => {
      opened.push(u);
    },
    onExit: () => {
      exits++;
    },
    ...(startHud === undefined ? {} : { startHud }),
  });
  return { store, logs, input, opened, out: () => out, exits: () => exits, term };
}

const settle = () => new Promise((r) => setTimeout(r, 80));

describe('the terminal driver', () => {
  it('stream mode prints the start line, then the filtered lines as they complete', () => {
    const t = setup('stream', ['web', 'api']);
    t.logs.write({ resource: 'web', spanId: 'pod:web:1', text: 'one\n' });
    t.logs.write({ resource: 'db', spanId: 'pod:db:1', text: 'hidden\n' });
    expect(t.out()).toBe('Slant started on http://localhost:10350/\n          web │ one\n');
  });

  it('prompt mode shows the greeting and rewrites the status line as resources change', async () => {
    const t = setup('prompt');
    expect(t.input.raw).toBe(true);
    t.store.create(uiResource('web'));
    await settle();
    expect(t.out().endsWith('\r\u001b[K1 resource: 0 ok, 1 pending, 0 error')).toBe(true);
    t.logs.write({ resource: 'web', spanId: 'pod:web:1', text: 'not shown in prompt mode\n' });
    expect(t.out()).not.toContain('not shown');
  });

  it('space opens the browser; ctrl-c asks to exit', async () => {
    const t = setup('prompt');
    t.input.type(' ');
    await settle();
    expect(t.opened).toEqual(['http://localhost:10350/']);
    expect(t.out()).toContain('\r\u001b[KOpening browser: http://localhost:10350/\n');
    t.input.type('\u0003');
    expect(t.exits()).toBe(1);
  });

  it('s switches to stream mode: the log so far, then new lines; the keyboard is released', () => {
    const t = setup('prompt');
    t.logs.write({ resource: 'web', spanId: 'pod:web:1', text: 'before\n' });
    t.input.type('s');
    t.logs.write({ resource: 'web', spanId: 'pod:web:1', text: 'after\n' });
    expect(t.term.mode()).toBe('stream');
    expect(t.input.raw).toBe(false);
    expect(t.out()).toContain('          web │ before\n          web │ after\n');
    t.input.type('\u0003');
    expect(t.exits()).toBe(0);
  });

  it('falls back to stream mode when the full-screen view cannot start', async () => {
    const t = setup('hud', [], () => Promise.reject(new Error('no terminal')));
    t.logs.write({ resource: 'web', spanId: 'pod:web:1', text: 'line\n' });
    await settle();
    expect(t.out()).toBe('Cannot open the full-screen view: no terminal\n          web │ line\n');
    expect(t.term.mode()).toBe('stream');
  });
});
