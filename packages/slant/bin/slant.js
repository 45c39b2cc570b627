#!/usr/bin/env node
// Runs the bundled CLI (built by `npm install`, `npm test` and `npm run slant`: see
// scripts/build-cli.ts); without a bundle, or with SLANT_FROM_SOURCE=1, Node 22 runs the
// TypeScript sources directly, which is slower to start but needs no build.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { setFlagsFromString } from 'node:v8';

// A young generation that stays at its initial size (1 MB semi-spaces): by default V8 grows it to
// 16 MB semi-spaces during start-up (the Tiltfile load) and keeps the 32 MB at rest, a third of
// `slant up`'s memory. Costs ~8% more CPU on a 100-service Tiltfile load; the flag has to be set
// at run time (`node slant.js` takes no flags), where --max-semi-space-size has no effect.
setFlagsFromString('--semi-space-growth-factor=1');

// Slant is built for Node 22.18+ (type stripping, the libraries it uses); say so plainly.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `slant needs Node.js 22.18 or newer; this is Node.js ${process.versions.node}\n` +
      'Install Node.js 22 (or run slant through npm scripts, which use the node@22 package)\n',
  );
  process.exit(1);
}

// `slant up` and `ci` run with one V8 helper thread instead of Node's four: each helper's malloc
// arena keeps what the optimising compiler freed on it at start-up (~4 MB each, for good), and a
// session at rest has no work for more. Node takes the option only on its command line, so the
// process re-executes itself with it (same pid, stdio and environment); without execve (Windows)
// it runs as it is.
const command = process.argv[2];
if (
  (command === 'up' || command === 'ci') &&
  typeof process.execve === 'function' &&
  !process.execArgv.some((a) => a.startsWith('--v8-pool-size'))
) {
  process.execve(process.execPath, [
    process.execPath,
    '--v8-pool-size=1',
    ...process.execArgv,
    ...process.argv.slice(1),
  ]);
}

// Short commands keep V8's compiled code for Slant's modules on disk between runs (Node's compile
// cache, in the temp directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off): ~20 ms less start-up.
// Not `up` and `ci`: code read from the cache stays compiled, ~3 MB more at rest in a session.
if (command !== 'up' && command !== 'ci') module.enableCompileCache?.();

const bundle = new URL('../dist/slant.mjs', import.meta.url);
if (process.env.SLANT_FROM_SOURCE !== '1' && existsSync(bundle)) await import(bundle.href);
else await import('../src/cli/main.ts');
