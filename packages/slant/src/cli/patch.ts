// `slant patch TYPE NAME -p PATCH`: kubectl's patch, with a JSON merge patch.
import type { Command } from 'commander';
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
  type: string;
  subresource?: string;
}

export function registerPatchCommand(program: Command): void {
  addConnectServerFlags(program.command('patch'))
    .usage('(TYPE NAME | TYPE/NAME) -p PATCH')
    .description('Update fields of a resource')
    .option('-p, --patch <patch>', 'The patch to be applied to the resource JSON file.')
    .option(
      '--type <type>',
      'The type of patch being provided; only "merge" is supported.',
      'merge',
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
  slant patch tiltfile "(Tiltfile)" -p '{"spec":{"args":["frontend"]}}'`,
    )
    .action(
      clientAction(async (args: string[], flags: PatchFlags) => {
        if (flags.patch === undefined) {
          throw new UserError('bad-flag', 'error: must specify -p to patch');
        }
        if (flags.type !== 'merge') {
          throw new UserError('bad-flag', `error: --type must be "merge", got "${flags.type}"`);
        }
        if (flags.subresource !== undefined && flags.subresource !== 'status') {
          throw new UserError(
            'bad-flag',
            `error: invalid subresource value: "${flags.subresource}". Must be one of [status]`,
          );
        }
        await runPatch(connect(flags), args, {
          patch: flags.patch,
          ...(flags.subresource === 'status' ? { subresource: 'status' as const } : {}),
          write: out,
          writeErr: err,
        });
      }),
    );
}
