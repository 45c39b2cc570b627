// What `up` and `ci` share: flag parsing, the process environment, and running until the
// session ends or a signal arrives.

import type { RunningSlant, SlantEnvironment } from '../index.ts';
import { type Command, InvalidArgumentError } from 'commander';
import { UserError } from '../index.ts';
import { processEnv } from './process-env.ts';

export interface SessionFlags {
  file: string;
  port: string;
  host: string;
  stream?: boolean;
  context?: string;
  namespace?: string;
  outputSnapshotOnExit?: string;
  webMode?: string;
  webdevPort: string;
}

/** Tilt's web modes: Slant always serves its built web app, so each one means the same here. */
const WEB_MODES = ['default', 'local', 'prod', 'embedded', 'precompiled'];

function webMode(value: string): string {
  if (!WEB_MODES.includes(value)) {
    throw new InvalidArgumentError(
      `Unrecognized web mode: ${value}. Allowed values: [${WEB_MODES.join(' ')}]`,
    );
  }
  return value;
}

/** The flags `up` and `ci` share (Tilt's names and defaults, TILT_PORT / TILT_HOST included). */
export function sessionOptions(command: Command): Command {
  return command
    .option('-f, --file <file>', 'Path to Tiltfile', 'Tiltfile')
    .option(
      '--port <port>',
      'Port for the Slant HTTP server. Set to 0 to disable.',
      process.env.TILT_PORT ?? '10350',
    )
    .option(
      '--host <host>',
      'Host for the Slant HTTP server and default host for any port-forwards. Set to 0.0.0.0 to listen on all interfaces.',
      process.env.TILT_HOST ?? 'localhost',
    )
    .option('--context <context>', 'Kubernetes context override. Equivalent to kubectl --context')
    .option(
      '--namespace <namespace>',
      'Default namespace for Kubernetes resources (overrides default namespace from active context)',
    )
    .option(
      '--output-snapshot-on-exit <path>',
      'If specified, Slant will dump a snapshot of its state to the specified path when it exits',
    )
    .option(
      '--web-mode <mode>',
      'Values: local, prod. Accepted for Tilt compatibility: Slant always serves its built web app.',
      webMode,
    )
    .option(
      '--webdev-port <port>',
      'Port for a web dev server with --web-mode=local. Accepted for Tilt compatibility; unused.',
      '46764',
    );
}

export function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(
      'bad-flag',
      `invalid argument "${raw}" for "--port" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`,
      'Pass a port number between 0 and 65535.',
    );
  }
  return port;
}

export function commonEnv(opts: SessionFlags): SlantEnvironment {
  const env = processEnv();
  return {
    file: opts.file,
    host: opts.host,
    ...(opts.context === undefined ? {} : { kubeContext: opts.context }),
    ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }),
    cwd: process.cwd(),
    env,
    argv: process.argv.slice(1),
    executable: process.argv[1] ?? process.execPath,
  };
}

/** What `up` and `ci` pass on besides the environment. */
export function sessionExtras(opts: SessionFlags): { outputSnapshotOnExit?: string } {
  return opts.outputSnapshotOnExit === undefined
    ? {}
    : { outputSnapshotOnExit: opts.outputSnapshotOnExit };
}

/** Most stops take well under a second; a stuck one must not keep Ctrl-C from working. */
const STOP_GRACE_MS = 10_000;

/**
 * Waits for the session to end (ci) or for SIGINT/SIGTERM, stops Slant and exits the process:
 * Kubernetes watches and HTTP keep-alive sockets would otherwise keep Node running.
 */
export async function runUntilSignalAndExit(
  slant: RunningSlant,
  quit?: Promise<void>,
): Promise<never> {
  const code = await runUntilSignal(slant, quit);
  process.exit(code);
}

/** `quit` settles when the user quits from the terminal UI (ctrl-c in raw mode, q): as SIGINT. */
async function runUntilSignal(slant: RunningSlant, quit?: Promise<void>): Promise<number> {
  let signalled = false;
  const stopped = new Promise<void>((resolve) => {
    const onSignal = () => {
      signalled = true;
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    void quit?.then(onSignal);
  });
  const result = await Promise.race([slant.done, stopped.then(() => undefined)]);
  await Promise.race([slant.stop(), new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
  if (signalled || result === undefined) return 0;
  if (result.error !== undefined) {
    process.stderr.write(`Error: ${result.error}\n`);
    return 1;
  }
  return 0;
}
