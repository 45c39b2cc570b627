// `slant apply -f FILENAME`: kubectl's client-side apply against the running session.
import type { Command } from 'commander';
import { text } from 'node:stream/consumers';
import { parseDryRun, parseWriteOutput, runApply, UserError } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  collect,
  connect,
  err,
  out,
} from './client-flags.ts';

export interface WriteFlags extends ConnectFlags {
  filename?: string[];
  output?: string;
  dryRun?: string | boolean;
}

/** The -f / -o / --dry-run flags apply and create share, as kubectl spells them. */
export function addWriteFlags(command: Command, verb: string): Command {
  return addConnectServerFlags(command)
    .option(
      '-f, --filename <filename>',
      `The files that contain the configurations to ${verb}; a directory for its .json, .yaml and .yml files, - for stdin (repeatable).`,
      collect,
    )
    .option(
      '-o, --output <format>',
      'Output format. One of: json, name, yaml. Default: print the operation done.',
    )
    .option(
      '--dry-run [strategy]',
      'Must be "none" or "client". If client strategy, only print the object that would be sent, without sending it.',
    );
}

/** What the two commands check before reading any file. */
export function checkWriteArgs(command: string, args: readonly string[], flags: WriteFlags): void {
  if (args.length > 0) {
    throw new UserError(
      'bad-args',
      `Error: Unexpected args: [${args.join(' ')}]\nSee 'slant ${command} -h' for help and examples`,
    );
  }
  if ((flags.filename ?? []).length === 0) {
    throw new UserError('bad-flag', 'Error: must specify one of -f and -k');
  }
}

export const readStdin = (): Promise<string> => text(process.stdin);

export function registerApplyCommand(program: Command): void {
  addWriteFlags(program.command('apply'), 'apply')
    .usage('(-f FILENAME | -k DIRECTORY)')
    .description('Apply a configuration to a resource by filename or stdin')
    .argument('[args...]')
    .addHelpText(
      'after',
      `
The resource is created if it doesn't exist yet; otherwise what changed since the last apply is
patched into it (fields set by others are kept).

Examples:
  # Run a command in the session, from a Cmd object in a file
  slant apply -f cmd.yaml

  # Apply every .yaml, .yml and .json file of a directory
  slant apply -f ./objects/

  # Apply the YAML given on stdin
  cat cmd.yaml | slant apply -f -`,
    )
    .action(
      clientAction(async (args: string[], flags: WriteFlags) => {
        checkWriteArgs('apply', args, flags);
        const output = await parseWriteOutput(flags.output);
        const dryRun = await parseDryRun(flags.dryRun);
        return runApply(connect(flags), {
          filenames: flags.filename ?? [],
          output,
          dryRun,
          readStdin,
          write: out,
          writeErr: err,
        });
      }),
    );
}
