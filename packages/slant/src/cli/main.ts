// The `slant` command line: a thin layer over the package's public entry.
import { Command } from 'commander';

const program = new Command('slant').description(
  'Slant: the Kubernetes dev loop of Tilt, re-built in TypeScript',
);

program.parse(process.argv);
