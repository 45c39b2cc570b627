// The `slant` command line: a thin layer over the package's public entry.
import { Command } from 'commander';
import { registerAlphaTiltfileResultCommand } from './alpha-tiltfile-result.ts';
import { registerCiCommand } from './ci.ts';
import { registerDownCommand } from './down.ts';
import { registerStarlarkCommand } from './starlark.ts';
import { registerUpCommand } from './up.ts';

const program = new Command('slant').description(
  'Slant: the Kubernetes dev loop of Tilt, re-built in TypeScript',
);

registerUpCommand(program);
registerCiCommand(program);
registerDownCommand(program);
registerStarlarkCommand(program);
registerAlphaTiltfileResultCommand(program);

await program.parseAsync(process.argv);
