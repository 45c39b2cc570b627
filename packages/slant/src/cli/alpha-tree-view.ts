// `slant alpha tree-view [--blockers] [--dedupe]`: the running session's resources as a tree of
// their resource_deps, like `tilt alpha tree-view`; coloured on a terminal unless NO_COLOR is set.
import type { Command } from 'commander';
import { treeView } from '../index.ts';
import { alphaCommand } from './alpha-tiltfile-result.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  out,
} from './client-flags.ts';

interface TreeViewFlags extends ConnectFlags {
  blockers: boolean;
  dedupe: boolean;
}

function useColor(): boolean {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return process.stdout.isTTY === true && !noColor && process.env.TERM !== 'dumb';
}

export function registerAlphaTreeViewCommand(program: Command): void {
  addConnectServerFlags(alphaCommand(program).command('tree-view'))
    .description('Display resources in a tree structure based on dependencies')
    .option('--blockers', 'Show only blocked resources and their root blockers', false)
    .option(
      '--dedupe',
      'Deduplicate resources with multiple parents (show subtrees only once, with [also depends on: ...] annotations)',
      false,
    )
    .addHelpText(
      'after',
      `
Resources without resource_deps sit under the Tiltfile; every other resource sits under each
resource it depends on, with its current status. A count of the statuses follows the tree.

--blockers keeps only the resources that are not OK, rooted at the ones whose own dependencies
are fine (the ones holding up the most resources first).

Examples:
  # Show full resource dependency tree
  slant alpha tree-view

  # Show only blocked resources and their blockers
  slant alpha tree-view --blockers`,
    )
    .action(
      clientAction(async (flags: TreeViewFlags) => {
        out(
          await treeView(connect(flags), {
            blockers: flags.blockers,
            dedupe: flags.dedupe,
            color: useColor(),
          }),
        );
      }),
    );
}
