// Vitest global setup for unit tests: rebuild the CLI bundle so tests that spawn `slant` run the
// current sources, not a stale bundle.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [resolve(import.meta.dirname, 'build-cli.ts')], {
    stdio: 'inherit',
  });
}
