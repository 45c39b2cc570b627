// Bundles the slant CLI into ES modules (packages/slant/dist/slant.mjs + lazily loaded chunks). Node's type stripping
// of ~200 source files costs ~0.5 s of CPU at every start; the bundle starts in ~0.05 s.
// Runs on `npm install` (prepare), before tests, and before `npm run slant` / `npm run demo`.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'rolldown';
import { builtinFacades, undiciOnDemand } from './bundle-plugins.ts';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'packages/slant/dist');

rmSync(outDir, { recursive: true, force: true });
await build({
  input: resolve(root, 'packages/slant/src/cli/main.ts'),
  platform: 'node',
  logLevel: 'warn',
  // Memory at rest is a goal (half of Tilt's): load only the parts of @kubernetes/client-node that
  // Slant reaches (see packages/slant/src/k8s/client-node-lib.ts). Its generated API has no side
  // effects at load, so what is not referenced is dropped; see also bundle-plugins.ts.
  treeshake: {
    moduleSideEffects: [{ test: /@kubernetes\/client-node\/dist\/gen\//, sideEffects: false }],
  },
  plugins: [undiciOnDemand(root), builtinFacades()],
  // Packages with native add-ons (or that load them) stay in node_modules, loaded at run time.
  external: [
    // ink imports React's devtools only when DEV is set; it is not installed.
    /^react-devtools-core(\/|$)/,
    /^ws(\/|$)/,
    /^dockerode(\/|$)/,
    // dockerode loads these too: one copy in memory, not a second one in the bundle.
    /^@grpc\/grpc-js(\/|$)/,
    /^protobufjs(\/|$)/,
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
    // V8 keeps each module's source text in memory, as two bytes a character as soon as one
    // character is not Latin-1 ('…', '→' in strings and comments): ASCII escapes and no doc
    // comments halve the ~4 MB the chunks of `slant up` hold.
    charset: 'ascii',
    comments: { legal: true, annotation: false, jsdoc: false },
  },
});
