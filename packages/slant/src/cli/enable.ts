// `slant enable` / `slant disable`: which resources of the running session run.
import type { Command } from 'commander';
import { changeEnabledResources, UserError } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  collect,
  connect,
} from './client-flags.ts';

interface EnableFlags extends ConnectFlags {
  all: boolean;
  only?: boolean;
  labels?: string[];
}

export function registerEnableCommand(program: Command): void {
  addConnectServerFlags(program.command('enable'))
    .usage('{-all | [--only] <resource>...}')
    .description('Enables resources')
    .option('-l, --labels <labels>', 'Enable all resources with the specified labels', collect)
    .option('--only', 'Enable the specified resources, disable all others', false)
    .option('--all', 'Enable all resources', false)
    .argument('[resources...]')
    .addHelpText(
      'after',
      `
Examples:
  # enables the resources named 'frontend' and 'backend'
  slant enable frontend backend

  # enables frontend and backend and disables all others
  slant enable --only frontend backend

  # enables all resources
  slant enable --all`,
    )
    .action(
      clientAction(async (names: string[], flags: EnableFlags) => {
        const labels = flags.labels ?? [];
        if (flags.all) {
          if (flags.only === true) throw new UserError('bad-args', 'cannot use --all with --only');
          if (names.length > 0) {
            throw new UserError('bad-args', 'cannot use --all with resource names');
          }
        } else if (names.length === 0 && labels.length === 0) {
          throw new UserError('bad-args', 'must specify at least one resource');
        }
        await changeEnabledResources(connect(flags), names, {
          enable: true,
          all: flags.all,
          only: flags.only === true,
          labels,
        });
      }),
    );
}

export function registerDisableCommand(program: Command): void {
  addConnectServerFlags(program.command('disable'))
    .usage('{-all | <resource>...}')
    .description('Disables resources')
    .option('-l, --labels <labels>', 'Disable all resources with the specified labels', collect)
    .option('--all', 'Disable all resources', false)
    .argument('[resources...]')
    .addHelpText(
      'after',
      `
Examples:
  # disables the resources named 'frontend' and 'backend'
  slant disable frontend backend

  # disables all resources
  slant disable --all`,
    )
    .action(
      clientAction(async (names: string[], flags: EnableFlags) => {
        const labels = flags.labels ?? [];
        if (flags.all) {
          if (names.length > 0) {
            throw new UserError('bad-args', 'cannot use --all with resource names');
          }
        } else if (names.length === 0 && labels.length === 0) {
          throw new UserError('bad-args', 'must specify at least one resource');
        }
        await changeEnabledResources(connect(flags), names, {
          enable: false,
          all: flags.all,
          only: false,
          labels,
        });
      }),
    );
}
