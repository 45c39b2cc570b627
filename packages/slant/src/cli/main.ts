// The `slant` command line: a thin layer over the package's public entry.
import { Command } from 'commander';
import { registerAlphaTiltfileResultCommand } from './alpha-tiltfile-result.ts';
import { registerApiResourcesCommand } from './api-resources.ts';
import { registerArgsCommand } from './args.ts';
import { registerCiCommand } from './ci.ts';
import { registerCompletionCommand } from './completion.ts';
import { registerDeleteCommand } from './delete.ts';
import { registerDescribeCommand } from './describe.ts';
import { registerDoctorCommand } from './doctor.ts';
import { registerDownCommand } from './down.ts';
import { registerDumpCommand } from './dump.ts';
import { registerDisableCommand, registerEnableCommand } from './enable.ts';
import { registerGetCommand } from './get.ts';
import { registerLogsCommand } from './logs.ts';
import { registerPatchCommand } from './patch.ts';
import { registerStarlarkCommand } from './starlark.ts';
import { registerSnapshotCommand } from './snapshot.ts';
import { registerTriggerCommand } from './trigger.ts';
import { registerUpCommand } from './up.ts';
import { registerVersionCommand } from './version.ts';
import { registerWaitCommand } from './wait.ts';

const program = new Command('slant').description(
  'Slant: the Kubernetes dev loop of Tilt, re-built in TypeScript',
);

registerUpCommand(program);
registerCiCommand(program);
registerDownCommand(program);
registerStarlarkCommand(program);
registerAlphaTiltfileResultCommand(program);
// Client commands: they talk to a running `slant up` through its HTTP API.
registerGetCommand(program);
registerDescribeCommand(program);
registerPatchCommand(program);
registerDeleteCommand(program);
registerWaitCommand(program);
registerApiResourcesCommand(program);
registerLogsCommand(program);
registerTriggerCommand(program);
registerEnableCommand(program);
registerDisableCommand(program);
registerArgsCommand(program);
registerDumpCommand(program);
registerVersionCommand(program);
registerDoctorCommand(program);
registerSnapshotCommand(program);
registerCompletionCommand(program);

await program.parseAsync(process.argv);
