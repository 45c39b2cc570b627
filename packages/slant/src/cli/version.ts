// `slant version`: the version of this Slant (no session needed).
import type { Command } from 'commander';
import { SLANT_VERSION } from '../index.ts';

export function registerVersionCommand(program: Command): void {
  program
    .command('version')
    .description('Current Slant version')
    .action(() => {
      process.stdout.write(`v${SLANT_VERSION}, built from source\n`);
    });
}
