// `slant dump engine`: every object of the running session's store, as JSON, for bug reports.
import type { Command } from 'commander';
import { dumpEngine } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  out,
} from './client-flags.ts';

export function registerDumpCommand(program: Command): void {
  const dump = program
    .command('dump')
    .description('Dump internal Slant state')
    .addHelpText(
      'after',
      '\nDumps internal Slant state to stdout.\n\nIntended to help Slant developers inspect Slant when things go wrong,\nand figure out better ways to expose this info to Slant users.\n\nThe format of the dump state does not make any API or compatibility promises,\nand may change frequently.',
    );
  addConnectServerFlags(dump.command('engine'))
    .description('dump the engine state')
    .addHelpText('after', '\nExamples:\n  slant dump engine > engine.json')
    .action(
      clientAction(async (flags: ConnectFlags) => {
        out(await dumpEngine(connect(flags)));
      }),
    );
}
