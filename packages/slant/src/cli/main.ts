// The `slant` command line: a thin layer over the package's public entry.
import { Command } from 'commander';
import { registerAlphaShellCommand } from './alpha-shell.ts';
import { alphaCommand, registerAlphaTiltfileResultCommand } from './alpha-tiltfile-result.ts';
import { registerAlphaTreeViewCommand } from './alpha-tree-view.ts';
import { registerAnalyticsCommand } from './analytics.ts';
import { registerApiResourcesCommand } from './api-resources.ts';
import { registerApplyCommand } from './apply.ts';
import { registerArgsCommand } from './args.ts';
import { registerCiCommand } from './ci.ts';
import { registerCompletionCommand } from './completion.ts';
import { registerCreateCommand } from './create.ts';
import { registerDeleteCommand } from './delete.ts';
import { registerDescribeCommand } from './describe.ts';
import { registerDockerPruneCommand } from './docker-prune.ts';
import { registerDockerCommand } from './docker.ts';
import { registerDoctorCommand } from './doctor.ts';
import { registerDownCommand } from './down.ts';
import { registerDumpCommand } from './dump.ts';
import { registerEditCommand } from './edit.ts';
import { registerDisableCommand, registerEnableCommand } from './enable.ts';
import { registerGetCommand } from './get.ts';
import { addGlobalFlags } from './global-flags.ts';
import { registerLogsCommand } from './logs.ts';
import { registerPatchCommand } from './patch.ts';
import { registerStarlarkCommand } from './starlark.ts';
import { registerSnapshotCommand } from './snapshot.ts';
import { registerTriggerCommand } from './trigger.ts';
import { registerUpCommand } from './up.ts';
import { registerVersionCommand } from './version.ts';
import { registerVerifyInstallCommand } from './verify-install.ts';
import { registerWaitCommand } from './wait.ts';

const program = new Command('slant').description(
  'Slant: the Kubernetes dev loop of Tilt, re-built in TypeScript',
);
// Options after a subcommand's name are its own: `create` and its subcommands (`create cmd`,
// whose options after NAME belong to the command it creates) share flag names.
program.enablePositionalOptions();

registerUpCommand(program);
registerCiCommand(program);
registerDownCommand(program);
registerStarlarkCommand(program);
registerAlphaTiltfileResultCommand(program);
registerAnalyticsCommand(program);
// Client commands: they talk to a running `slant up` through its HTTP API.
registerGetCommand(program);
registerDescribeCommand(program);
registerPatchCommand(program);
registerApplyCommand(program);
registerCreateCommand(program);
registerEditCommand(program);
registerDeleteCommand(program);
registerWaitCommand(program);
registerApiResourcesCommand(program);
registerLogsCommand(program);
registerTriggerCommand(program);
registerEnableCommand(program);
registerDisableCommand(program);
registerArgsCommand(program);
registerDumpCommand(program);
registerAlphaShellCommand(program);
registerAlphaTreeViewCommand(program);
// Tilt keeps `alpha get` and `alpha api-resources` beside the top-level commands.
registerGetCommand(alphaCommand(program));
registerApiResourcesCommand(alphaCommand(program));
registerVersionCommand(program);
registerVerifyInstallCommand(program);
registerDoctorCommand(program);
registerDockerPruneCommand(program);
registerDockerCommand(program);
registerSnapshotCommand(program);
registerCompletionCommand(program);

addGlobalFlags(program);

await program.parseAsync(process.argv);
