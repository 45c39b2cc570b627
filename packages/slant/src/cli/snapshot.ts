// `slant snapshot create [file]`: the running session's view and logs as a snapshot file, for the
// web UI's offline viewer and for bug reports.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { createSnapshot } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  out,
} from './client-flags.ts';

export function registerSnapshotCommand(program: Command): void {
  const snapshot = program.command('snapshot').description('Manage Slant snapshots');
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
