// `slant delete TYPE (NAME | -l label | --all)`: kubectl's delete.
import type { Command } from 'commander';
import { runDelete } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  err,
  out,
} from './client-flags.ts';

interface DeleteFlags extends ConnectFlags {
  selector: string;
  all: boolean;
  ignoreNotFound: boolean;
}

export function registerDeleteCommand(program: Command): void {
  addConnectServerFlags(program.command('delete'))
    .usage('TYPE [(NAME | -l label | --all)]')
    .description('Delete resources by resources and names, or by resources and label selector')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on', '')
    .option('--all', 'Delete all resources of the specified type', false)
    .option('--ignore-not-found', 'Treat "resource not found" as a successful delete.', false)
    .argument('[args...]')
    .addHelpText(
      'after',
      `
Examples:
  # Delete a FileWatch by name
  slant delete filewatch my-watch`,
    )
    .action(
      clientAction(async (args: string[], flags: DeleteFlags) =>
        runDelete(connect(flags), args, { ...flags, write: out, writeErr: err }),
      ),
    );
}
