// `slant snapshot create [file]`: the running session's view and logs as a snapshot file, for the
// web UI's offline viewer and for bug reports. `slant snapshot view FILE`: serves such a file
// with the web app (read-only) until a key is pressed.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { createSnapshot, formatError, serveSnapshotView } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  out,
} from './client-flags.ts';
import { parsePort } from './session-flags.ts';
import { processEnv } from './process-env.ts';

interface ViewFlags {
  open: boolean;
  port: string;
  host: string;
}

/** Resolves at a key press (when `keys`: stdin is a terminal), or at SIGINT/SIGTERM. */
function untilKeyOrSignal(keys: boolean): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      if (keys) process.stdin.setRawMode(false);
      process.stdin.pause();
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (keys) {
      process.stdin.setRawMode(true);
      process.stdin.once('data', done);
      process.stdin.resume();
    }
  });
}

function registerViewCommand(snapshot: Command): void {
  snapshot
    .command('view')
    .usage('<path/to/snapshot.json>')
    .description('Serves the specified snapshot file and optionally opens it in the browser')
    .argument('<file>', 'the snapshot file, or - to read it from stdin')
    .option('--no-open', 'Do not automatically open the snapshot in the browser')
    .option('--port <port>', 'Port for the HTTP server. Defaults to a random port.', '0')
    .option(
      '--host <host>',
      'Host for the HTTP server. Overrides TILT_HOST env variable.',
      process.env.TILT_HOST ?? 'localhost',
    )
    .addHelpText(
      'after',
      `
Examples:
  slant snapshot view <path/to/snapshot.json>
  curl http://myci.com/path/to/snapshot | slant snapshot view -`,
    )
    .action(async (file: string, flags: ViewFlags) => {
      try {
        const env = processEnv();
        const view = await serveSnapshotView({
          source: file,
          host: flags.host,
          port: parsePort(flags.port),
          open: flags.open,
          env,
          stdin: process.stdin,
        });
        out(`Serving snapshot at ${view.url}\n`);
        if (view.openError !== undefined) {
          process.stderr.write(`Could not open the browser: ${view.openError}\n`);
        }
        const keys = process.stdin.isTTY === true && file !== '-';
        out(keys ? 'Press any key to exit\n' : 'Press Ctrl-C to exit\n');
        await untilKeyOrSignal(keys);
        await view.close();
      } catch (err) {
        process.stderr.write(`${formatError(err)}\n`);
        process.exitCode = 1;
      }
    });
}

export function registerSnapshotCommand(program: Command): void {
  const snapshot = program.command('snapshot').description('Manage Slant snapshots');
  registerViewCommand(snapshot);
  addConnectServerFlags(snapshot.command('create'))
    .usage('[file to save]')
    .description('Creates a snapshot file from a currently running Slant instance')
    .argument('[file]')
    .addHelpText(
      'after',
      `
Examples:
  # Save a snapshot to a file
  slant snapshot create snapshot.json

  # Print it
  slant snapshot create`,
    )
    .action(
      clientAction(async (file: string | undefined, flags: ConnectFlags) => {
        const text = `${JSON.stringify(await createSnapshot(connect(flags), new Date()))}\n`;
        if (file === undefined) out(text);
        else writeFileSync(file, text);
      }),
    );
}
