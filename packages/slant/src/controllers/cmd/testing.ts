// A Cmd controller on fakes for the tests of this folder: store, FakeClock, scripted processes
// and probes, a memory log, all driven by a real Manager.
import { API_VERSION, type Cmd, type CmdSpec, type UIButton } from '@slant/api';
import { FakeClock } from '../../clock.ts';
import { Manager } from '../../engine/manager.ts';
import { FakeProcessRunner } from '../../exec/fake.ts';
import { FakeProbeChecker } from '../../exec/probe-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import { CmdRunner, createCmdReconciler } from './reconciler.ts';

export function cmdObject(name: string, spec: CmdSpec, annotations?: Record<string, string>): Cmd {
  return {
    apiVersion: API_VERSION,
    kind: 'Cmd',
    metadata: annotations === undefined ? { name } : { name, annotations },
    spec,
  };
}

export function button(name: string, lastClickedAt?: string): UIButton {
  return {
    apiVersion: API_VERSION,
    kind: 'UIButton',
    metadata: { name },
    spec: { location: { componentID: 'web', componentType: 'Resource' }, text: name },
    ...(lastClickedAt === undefined ? {} : { status: { lastClickedAt } }),
  };
}

/** Lets watch events, reconciles and settled promises run (no time passes). */
export async function settle(manager: Manager): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (i > 3 && manager.isIdle()) return;
  }
  throw new Error('the manager did not go idle');
}

/** Yields to the event loop until `done()` holds (for states where the manager stays busy). */
export async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (done()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the awaited state never came');
}

export function setup() {
  const clock = new FakeClock();
  const store = newTestStore(clock);
  const processes = new FakeProcessRunner();
  const probes = new FakeProbeChecker();
  const logs = new MemoryLogWriter();
  const errors: string[] = [];
  const manager = new Manager({
    store,
    clock,
    onReconcileError: (r, name, err) => errors.push(`${r}/${name}: ${String(err)}`),
  });
  const runner = new CmdRunner({
    store,
    clock,
    processes,
    probes,
    logs,
    env: { PATH: '/usr/bin', HOME: '/home/me' },
    cwd: '/work',
  });
  manager.register(createCmdReconciler({ runner, store }));
  manager.start();
  return { clock, store, processes, probes, logs, manager, runner, errors };
}
