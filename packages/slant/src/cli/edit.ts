// `slant edit (TYPE NAME | TYPE/NAME)`: kubectl's edit, in $TILT_EDITOR / $KUBE_EDITOR / $EDITOR
// (vi by default), run through the shell so an editor with arguments (`code -w`) works.
import type { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { type EditorRunner, parseWriteOutput, runEdit } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  err,
  out,
} from './client-flags.ts';

interface EditFlags extends ConnectFlags {
  output?: string;
  outputPatch: boolean;
}

/** Runs `command "<file>"` in sh with the terminal attached; kubectl's texts when it fails. */
function shellEditor(command: string): EditorRunner {
  return async (path) => {
    const r = spawnSync('sh', ['-c', `${command} "$1"`, 'sh', path], { stdio: 'inherit' });
    // sh exits 127 when it can't find the program.
    if (r.error !== undefined || r.status === 127) {
      throw new Error(`unable to launch the editor "${command}"`);
    }
    if (r.status !== 0) throw new Error(`there was a problem with the editor "${command}"`);
  };
}

export function registerEditCommand(program: Command): void {
  addConnectServerFlags(program.command('edit'))
    .usage('(RESOURCE/NAME | RESOURCE NAME)')
    .description('Edit a resource on the server')
    .option('-o, --output <format>', 'Output format. One of: json, name, yaml.')
    .option('--output-patch', 'Output the patch if the resource is edited.', false)
    .argument('[args...]')
    .addHelpText(
      'after',
      `
The object opens as YAML in the editor named by TILT_EDITOR, KUBE_EDITOR or EDITOR (vi when none
is set); what you change is saved when the editor exits. If the saved file is not valid, it
opens again with the reason at the top; save it unchanged to give up.

Examples:
  # Edit the command of a local resource
  slant edit cmd my-server

  # Use another editor
  EDITOR="code -w" slant edit filewatch/my-watch`,
    )
    .action(
      clientAction(async (args: string[], flags: EditFlags) => {
        const output = await parseWriteOutput(flags.output);
        const editor =
          process.env.TILT_EDITOR || process.env.KUBE_EDITOR || process.env.EDITOR || 'vi';
        return runEdit(connect(flags), args, {
          editor: shellEditor(editor),
          output,
          outputPatch: flags.outputPatch,
          tempDir: tmpdir(),
          write: out,
          writeErr: err,
        });
      }),
    );
}
