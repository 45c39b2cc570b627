// `slant verify-install`: Tilt's install check (it only reports to Tilt's analytics). Slant
// reports nothing anywhere; it says which Slant and which Node.js run, and exits 0.
import type { Command } from 'commander';
import { SLANT_VERSION } from '../index.ts';

export function registerVerifyInstallCommand(program: Command): void {
  program
    .command('verify-install')
    .description('Verifies Slant Installation')
    .action(() => {
      process.stdout.write(`Slant v${SLANT_VERSION} on Node.js ${process.version}\n`);
    });
}
