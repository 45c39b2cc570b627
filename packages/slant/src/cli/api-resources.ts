// `slant api-resources`: the kinds the running session serves (kubectl's table).
import type { Command } from 'commander';
import { apiResourcesTable } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  out,
} from './client-flags.ts';

export function registerApiResourcesCommand(program: Command): void {
  addConnectServerFlags(program.command('api-resources'))
    .description('Print the supported API resources')
    .addHelpText('after', '\nExamples:\n  slant api-resources')
    .action(
      clientAction(async (flags: ConnectFlags) => {
        // The kinds are Slant's own; asking the server checks that a session is there.
        await connect(flags).list('Session');
        out(apiResourcesTable());
      }),
    );
}
