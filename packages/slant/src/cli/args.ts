// `slant args [-- <Tiltfile args>]`: changes the Tiltfile args of the running session (the
// Tiltfile object's spec.args; the engine re-runs the Tiltfile). Without args, opens them in
// $TILT_EDITOR / $EDITOR.
import type { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEditResult, setTiltfileArgs, shellJoin, tiltfileArgs, UserError } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  err,
} from './client-flags.ts';

function editArgs(current: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'slant-args-'));
  const file = join(dir, 'args.txt');
  try {
    writeFileSync(file, `# edit args for the running Slant here\n${shellJoin(current)}\n`);
    const editor = process.env.TILT_EDITOR || process.env.EDITOR || 'vi';
    const r = spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' });
    if (r.status !== 0)
      throw new UserError('editor-failed', `editor "${editor}" exited with ${r.status}`);
    return parseEditResult(readFileSync(file, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function registerArgsCommand(program: Command): void {
  addConnectServerFlags(program.command('args'))
    .usage('[<flags>] [-- <Tiltfile args>]')
    .description('Changes the Tiltfile args in use by a running Slant')
    .option('--clear', "Clear the Tiltfile args, as if you'd run slant with no args", false)
    .argument('[args...]')
    .addHelpText(
      'after',
      `
The "args" can be used to specify what resources Slant enables. They can also
be used to define custom key-value pairs that can be accessed in a Tiltfile
by calling "config.parse()".

If no args are explicitly specified, (i.e., just "slant args"), it opens the current args for
editing in the editor defined by your TILT_EDITOR or EDITOR environment variables.

Examples:
  # Set new args
  slant args frontend_service backend_service -- --debug on

  # Edit the current args
  slant args

  # Use an alternative editor
  EDITOR=nano slant args`,
    )
    .action(
      clientAction(async (given: string[], flags: ConnectFlags & { clear: boolean }) => {
        const client = connect(flags);
        let args = given;
        if (flags.clear) {
          if (given.length !== 0) {
            throw new UserError('bad-args', '--clear cannot be specified with other values');
          }
          args = [];
        } else if (given.length === 0) {
          args = editArgs(await tiltfileArgs(client));
        }
        if (!(await setTiltfileArgs(client, args))) {
          err('Slant is already running with those args -- no action taken\n');
          return;
        }
        err(
          `Changed config args for Slant running at ${flags.host}:${client.endpoint.port} to [${args.join(' ')}]\n`,
        );
      }),
    );
}
