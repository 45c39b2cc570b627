// `slant describe TYPE [NAME_PREFIX | -l label] | TYPE/NAME`: kubectl's describe.
import type { Command } from 'commander';
import { runDescribe } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  err,
  out,
} from './client-flags.ts';

export function registerDescribeCommand(program: Command): void {
  addConnectServerFlags(program.command('describe'))
    .usage('(TYPE [NAME_PREFIX | -l label] | TYPE/NAME)')
    .description('Show details of a specific resource or group of resources')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on', '')
    .argument('[args...]')
    .addHelpText(
      'after',
      `
Examples:
  # Describe one resource
  slant describe uiresource/frontend

  # Describe every Cmd whose name starts with "frontend"
  slant describe cmd frontend`,
    )
    .action(
      clientAction(async (args: string[], flags: ConnectFlags & { selector: string }) =>
        runDescribe(connect(flags), args, { selector: flags.selector, write: out, writeErr: err }),
      ),
    );
}
