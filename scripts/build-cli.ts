// Bundles the slant CLI into ES modules (packages/slant/dist/slant.mjs + lazily loaded chunks). Node's type stripping
// of ~200 source files costs ~0.5 s of CPU at every start; the bundle starts in ~0.05 s.
// Runs on `npm install` (prepare), before tests, and before `npm run slant` / `npm run demo`.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'rolldown';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'packages/slant/dist');

rmSync(outDir, { recursive: true, force: true });
await build({
  input: resolve(root, 'packages/slant/src/cli/main.ts'),
  platform: 'node',
  logLevel: 'warn',
  // Packages with native add-ons (or that load them) stay in node_modules, loaded at run time.
  external: [
    // ink imports React's devtools only when DEV is set; it is not installed.
    /^react-devtools-core(\/|$)/,
    /^ws(\/|$)/,
    /^dockerode(\/|$)/,
    /^ssh2(\/|$)/,
    /^cpu-features(\/|$)/,
    /^@parcel\/watcher(\/|$)/,
  ],
  // The engine (Kubernetes and Docker clients) is a separate chunk, loaded only by the commands
  // that run it, so `slant starlark` and client commands start fast.
  output: {
    dir: outDir,
    entryFileNames: 'slant.mjs',
    chunkFileNames: '[name]-[hash].mjs',
    format: 'esm',
    sourcemap: true,
  },
});
