// `slant create -f FILENAME` (kubectl's create) and Tilt's subcommands that build one object
// from arguments: `create cmd`, `create filewatch` (`fw`), `create repo`, `create ext`.
import type { Command } from 'commander';
import type { ApiObject } from '@slant/api';
import {
  cmdObject,
  createObject,
  extensionObject,
  extensionRepoObject,
  fileWatchObject,
  parseDryRun,
  parseWriteOutput,
  runCreateFromFiles,
  UserError,
} from '../index.ts';
import { addWriteFlags, checkWriteArgs, readStdin, type WriteFlags } from './apply.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  collect,
  connect,
  err,
  out,
} from './client-flags.ts';

interface ObjectFlags extends ConnectFlags {
  output?: string;
}

/** cobra's MinimumNArgs message, which Tilt prints for these subcommands. */
function requireArgs(args: readonly string[], min: number): void {
  if (args.length < min) {
    throw new UserError(
      'bad-args',
      `Error: requires at least ${min} arg(s), only received ${args.length}`,
    );
  }
}

/** A subcommand with -o and the connect flags; `build` makes its object from args and flags. */
function objectCommand<F extends ObjectFlags>(
  parent: Command,
  name: string,
  build: (args: string[], flags: F, command: Command) => Promise<ApiObject>,
): Command {
  const command = parent.command(name);
  return addConnectServerFlags(command)
    .option('-o, --output <format>', 'Output format. One of: json, name, yaml.')
    .argument('[args...]')
    .action(
      clientAction(async (args: string[], flags: F) => {
        const output = await parseWriteOutput(flags.output);
        const obj = await build(args, flags, command);
        return createObject(connect(flags), obj, { output, write: out, writeErr: err });
      }),
    );
}

function registerCreateCmd(create: Command): void {
  interface Flags extends ObjectFlags {
    workdir: string;
    env: string[];
    filewatch: string[];
  }
  objectCommand<Flags>(create, 'cmd', (args, flags) => {
    // Unknown options pass through to the command; before NAME they are a mistake.
    if (args[0]?.startsWith('-') === true) {
      throw new UserError('bad-flag', `Error: unknown flag: ${args[0]}`);
    }
    requireArgs(args, 2);
    return cmdObject(args[0]!, args.slice(1), {
      cwd: process.cwd(),
      workdir: flags.workdir,
      env: flags.env,
      fileWatches: flags.filewatch,
    });
  })
    .usage('NAME COMMAND [ARG...]')
    .description('Create a local command in a running Slant session')
    // Options after NAME belong to the command being created (`create cmd x ls -l`).
    .passThroughOptions()
    .allowUnknownOption()
    .option(
      '-w, --workdir <dir>',
      'Working directory of the command. If not specified, uses the current working directory.',
      '',
    )
    .option(
      '-e, --env <NAME=VALUE>',
      'Set environment variables in the form NAME=VALUE.',
      (v: string, prev: string[]) => [...prev, v],
      [],
    )
    .option(
      '--filewatch <names>',
      "Re-run the command whenever the named filewatches detect a change. See 'slant create filewatch' for more.",
      collect,
      [],
    )
    .addHelpText(
      'after',
      `
The command runs in the session and can be restarted by other objects (--filewatch), or watched
through its status. COMMAND is an executable, not a shell line: use 'sh -c' for one.

Examples:
  slant create cmd my-cmd echo hello world
  slant create cmd my-cmd sh -c "echo hi && echo bye"`,
    );
}

function registerCreateFileWatch(create: Command): void {
  objectCommand<ObjectFlags & { ignore: string[] }>(create, 'filewatch', (args, flags) => {
    requireArgs(args, 2);
    return fileWatchObject(args[0]!, args.slice(1), { cwd: process.cwd(), ignores: flags.ignore });
  })
    .alias('fw')
    .usage('[NAME] [PATHS] --ignore [IGNORES]')
    .description('Create a filewatch in a running Slant session')
    .option(
      '--ignore <patterns>',
      'Patterns to ignore. Supports same syntax as .dockerignore. Paths are relative to the current directory.',
      collect,
      [],
    )
    .addHelpText(
      'after',
      `
The FileWatch watches the given paths recursively and records the latest changes in its status;
other objects (e.g. a Cmd's --filewatch) act on them.

Examples:
  slant create fw src-and-web src web --ignore=web/node_modules`,
    );
}

function registerCreateRepo(create: Command): void {
  objectCommand<ObjectFlags & { ref: string }>(create, 'repo', (args, flags) => {
    requireArgs(args, 2);
    return extensionRepoObject(args[0]!, args[1]!, flags.ref);
  })
    .usage('NAME URL [ARG...]')
    .description('Register an extension repository.')
    .option('--ref <ref>', 'Git reference to sync the repository to.', '')
    .addHelpText(
      'after',
      `
A repository is a git URL or a local directory (file://).

Examples:
  slant create repo default https://github.com/tilt-dev/tilt-extensions
  slant create repo default file:///home/user/src/tilt-extensions
  slant create repo default https://github.com/tilt-dev/tilt-extensions --ref=SHA`,
    );
}

/** The arguments after `--` on the command line (cobra's ArgsLenAtDash), for `create ext`. */
function argsAfterDash(command: Command): string[] {
  let root = command;
  while (root.parent !== null) root = root.parent;
  const raw = (root as Command & { rawArgs?: string[] }).rawArgs ?? [];
  const dash = raw.indexOf('--');
  return dash < 0 ? [] : raw.slice(dash + 1);
}

function registerCreateExt(create: Command): void {
  interface Flags extends ObjectFlags {
    repo: string;
    path: string;
  }
  objectCommand<Flags>(create, 'ext', (args, flags, command) => {
    requireArgs(args, 1);
    // As Tilt's: everything after `--` (the name too, in `create ext -- NAME ARGS`).
    const extArgs = argsAfterDash(command);
    return extensionObject(args[0]!, { repo: flags.repo, path: flags.path, args: extArgs });
  })
    .usage('NAME [ARG...]')
    .description('Register an extension.')
    .option(
      '--repo <name>',
      "The name of the extension repo (list existing repos with 'slant get extensionrepo')",
      'default',
    )
    .option(
      '--path <path>',
      'The path of the extension. If not specified, defaults to the extension name.',
      '',
    )
    .addHelpText(
      'after',
      `
The extension's Tiltfile, from a repository registered with 'slant create repo' or in the
Tiltfile, is loaded into the session; arguments after -- are passed to it.

Examples:
  slant create ext cancel
  slant create ext my-kubefwd --path=./kubefwd -- --namespaces=default
  slant create ext cancel --repo=dev`,
    );
}

export function registerCreateCommand(program: Command): void {
  const create = addWriteFlags(program.command('create'), 'create')
    .usage('-f FILENAME')
    .description('Create a resource from a file or from stdin.')
    // Lets `create cmd` keep the options that follow its NAME for the command it creates.
    .enablePositionalOptions()
    .option('--save-config', 'Save the configuration in the last-applied annotation', false)
    .argument('[args...]')
    .addHelpText(
      'after',
      `
Examples:
  # Create a Cmd from a file
  slant create -f cmd.yaml

  # Create the objects given on stdin
  cat objects.yaml | slant create -f -`,
    )
    .action(
      clientAction(async (args: string[], flags: WriteFlags & { saveConfig: boolean }) => {
        checkWriteArgs('create', args, flags);
        const output = await parseWriteOutput(flags.output);
        const dryRun = await parseDryRun(flags.dryRun);
        return runCreateFromFiles(connect(flags), {
          filenames: flags.filename ?? [],
          output,
          dryRun,
          saveConfig: flags.saveConfig,
          readStdin,
          write: out,
          writeErr: err,
        });
      }),
    );
  registerCreateCmd(create);
  registerCreateFileWatch(create);
  registerCreateRepo(create);
  registerCreateExt(create);
}
