// `slant patch TYPE NAME (-p PATCH | --patch-file FILE) [--type json|merge|strategic]`: kubectl's
// patch. Tilt's default type is strategic, which for Tilt's objects merges as a JSON merge patch.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { runPatch, UserError } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  err,
  out,
} from './client-flags.ts';

interface PatchFlags extends ConnectFlags {
  patch?: string;
  patchFile?: string;
  type: string;
  subresource?: string;
}

export function registerPatchCommand(program: Command): void {
  addConnectServerFlags(program.command('patch'))
    .usage('(TYPE NAME | TYPE/NAME) -p PATCH')
    .description('Update fields of a resource')
    .option('-p, --patch <patch>', 'The patch to be applied to the resource JSON file.')
    .option('--patch-file <file>', 'A file containing a patch to be applied to the resource.')
    .option(
      '--type <type>',
      'The type of patch being provided; one of [json merge strategic]',
      'strategic',
    )
    .option(
      '--subresource <subresource>',
      'If specified, patch will operate on the subresource ("status").',
    )
    .argument('[args...]')
    .addHelpText(
      'after',
      `
Examples:
  # Change the args of the running Tiltfile
  slant patch tiltfile "(Tiltfile)" -p '{"spec":{"args":["frontend"]}}'

  # Add an argument with a JSON patch
  slant patch cmd my-cmd --type json -p '[{"op":"add","path":"/spec/args/-","value":"--verbose"}]'`,
    )
    .action(
      clientAction(async (args: string[], flags: PatchFlags) => {
        if (flags.patch !== undefined && flags.patchFile !== undefined) {
          throw new UserError(
            'bad-flag',
            'error: cannot specify --patch and --patch-file together',
          );
        }
        let patch = flags.patch;
        if (flags.patchFile !== undefined) {
          try {
            patch = readFileSync(flags.patchFile, 'utf8');
          } catch (e) {
            throw new UserError(
              'bad-flag',
              `error: unable to read patch file: open ${flags.patchFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`,
            );
          }
        }
        if (patch === undefined || patch === '') {
          throw new UserError(
            'bad-flag',
            'error: must specify --patch or --patch-file containing the contents of the patch',
          );
        }
        const type = flags.type;
        if (type !== 'json' && type !== 'merge' && type !== 'strategic') {
          throw new UserError(
            'bad-flag',
            `error: --type must be one of [json merge strategic], not "${type}"`,
          );
        }
        if (flags.subresource !== undefined && flags.subresource !== 'status') {
          throw new UserError(
            'bad-flag',
            `error: invalid subresource value: "${flags.subresource}". Must be one of [status]`,
          );
        }
        await runPatch(connect(flags), args, {
          patch,
          type,
          ...(flags.subresource === 'status' ? { subresource: 'status' as const } : {}),
          write: out,
          writeErr: err,
        });
      }),
    );
}
