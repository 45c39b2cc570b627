// The `slant` command line: a thin layer over the package's public entry.
import { Command } from 'commander';
import { registerAlphaTiltfileResultCommand } from './alpha-tiltfile-result.ts';
import { registerStarlarkCommand } from './starlark.ts';

const program = new Command('slant').description(
  'Slant: the Kubernetes dev loop of Tilt, re-built in TypeScript',
);

registerStarlarkCommand(program);
registerAlphaTiltfileResultCommand(program);

await program.parseAsync(process.argv);
