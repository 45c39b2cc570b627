// `slant delete TYPE (NAME | -l label | --all)` or `slant delete -f FILENAME`: kubectl's delete.
import type { Command } from 'commander';
import { runDelete, runDeleteFromFiles, UserError } from '../index.ts';
import { readStdin } from './apply.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  collect,
  connect,
  err,
  out,
} from './client-flags.ts';

interface DeleteFlags extends ConnectFlags {
  selector: string;
  all: boolean;
  ignoreNotFound: boolean;
  filename?: string[];
}

export function registerDeleteCommand(program: Command): void {
  addConnectServerFlags(program.command('delete'))
    .usage('([-f FILENAME] | TYPE [(NAME | -l label | --all)])')
    .description('Delete resources by resources and names, or by resources and label selector')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on', '')
    .option('--all', 'Delete all resources of the specified type', false)
    .option('--ignore-not-found', 'Treat "resource not found" as a successful delete.', false)
    .option(
      '-f, --filename <filename>',
      'The files that contain the resources to delete; a directory for its .json, .yaml and .yml files, - for stdin (repeatable).',
      collect,
    )
    .argument('[args...]')
    .addHelpText(
      'after',
      `
Examples:
  # Delete a FileWatch by name
  slant delete filewatch my-watch

  # Delete the objects a file declares (as applied with slant apply -f)
  slant delete -f cmd.yaml`,
    )
    .action(
      clientAction(async (args: string[], flags: DeleteFlags) => {
        const filenames = flags.filename ?? [];
        if (filenames.length === 0) {
          return runDelete(connect(flags), args, { ...flags, write: out, writeErr: err });
        }
        if (args.length > 0) {
          throw new UserError(
            'bad-args',
            'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
          );
        }
        return runDeleteFromFiles(connect(flags), {
          filenames,
          readStdin,
          ignoreNotFound: flags.ignoreNotFound,
          write: out,
          writeErr: err,
        });
      }),
    );
}
