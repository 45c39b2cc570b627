#!/usr/bin/env node
// Runs the bundled CLI (built by `npm install`, `npm test` and `npm run slant`: see
// scripts/build-cli.ts); without a bundle, or with SLANT_FROM_SOURCE=1, Node 22 runs the
// TypeScript sources directly, which is slower to start but needs no build.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/slant.mjs', import.meta.url);
if (process.env.SLANT_FROM_SOURCE !== '1' && existsSync(bundle)) await import(bundle.href);
else await import('../src/cli/main.ts');
