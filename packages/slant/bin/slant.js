#!/usr/bin/env node
// Runs the bundled CLI (built by `npm install`, `npm test` and `npm run slant`: see
// scripts/build-cli.ts); without a bundle, or with SLANT_FROM_SOURCE=1, Node 22 runs the
// TypeScript sources directly, which is slower to start but needs no build.
import { existsSync } from 'node:fs';

// Slant is built for Node 22.18+ (type stripping, the libraries it uses); say so plainly.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `slant needs Node.js 22.18 or newer; this is Node.js ${process.versions.node}\n` +
      'Install Node.js 22 (or run slant through npm scripts, which use the node@22 package)\n',
  );
  process.exit(1);
}

const bundle = new URL('../dist/slant.mjs', import.meta.url);
if (process.env.SLANT_FROM_SOURCE !== '1' && existsSync(bundle)) await import(bundle.href);
else await import('../src/cli/main.ts');
