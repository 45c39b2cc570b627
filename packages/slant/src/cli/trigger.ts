// `slant trigger RESOURCE`: queues an update of a resource of the running session.
import type { Command } from 'commander';
import { triggerResource } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  out,
} from './client-flags.ts';

export function registerTriggerCommand(program: Command): void {
  addConnectServerFlags(program.command('trigger'))
    .usage('[RESOURCE_NAME]')
    .description('Trigger an update for the specified resource')
    .argument('<resource>')
    .addHelpText(
      'after',
      `
If the resource has Trigger Mode: Manual and has pending changes, this command will cause those pending changes to be applied.

Otherwise, this command will force a full rebuild.

Examples:
  slant trigger frontend`,
    )
    .action(
      clientAction(async (resource: string, flags: ConnectFlags) => {
        await triggerResource(connect(flags), resource);
        out(`Successfully triggered update for resource: "${resource}"\n`);
      }),
    );
}
