// rolldown plugins of the CLI bundle (scripts/build-cli.ts) that keep `slant up`'s memory at rest
// low (a goal of the project: at most half of Tilt's).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Plugin } from 'rolldown';

/** client-node's `undici` import becomes scripts/undici-on-demand.ts (the package loads on first use). */
export function undiciOnDemand(root: string): Plugin {
  return {
    name: 'undici-on-demand',
    resolveId(source, importer) {
      if (source !== 'undici' || importer?.includes('/@kubernetes/client-node/') !== true) return;
      return resolve(root, 'scripts/undici-on-demand.ts');
    },
  };
}

// Node builds the ES module namespace of a builtin by reading every export, and some exports
// load more of Node when read: `import … from 'node:http'` reads http.WebSocket, which loads
// Node's internal undici (with http2, zlib, assert, worker_threads: ~10 MB); node:util's diff and
// setTraceSigInt load worker_threads and more (~3 MB); node:tls reads the root certificates. An
// `import` of these builtins gets a facade instead: process.getBuiltinModule's object as the
// default export, and as named exports only those that cost nothing to read (importing another by
// name fails the build: read it from the default export). require() calls are left alone.
const FACADE_BUILTINS = ['http', 'util', 'tls', 'net'];
const PREFIX = '\0builtin-facade:';

/** The exports of each builtin that are plain values, found in a fresh Node (nothing loaded yet). */
function plainExports(names: readonly string[]): Record<string, string[]> {
  const probe = `
    const out = {};
    for (const name of ${JSON.stringify(names)}) {
      const mod = process.getBuiltinModule('node:' + name);
      out[name] = [];
      for (const key of Object.keys(mod)) {
        if (!/^[A-Za-z_$][\\w$]*$/.test(key) || key === 'default') continue;
        // Reading a lazy export (or even its descriptor) loads its module.
        const loaded = process.moduleLoadList.length;
        const d = Object.getOwnPropertyDescriptor(mod, key);
        if ('value' in d && process.moduleLoadList.length === loaded) out[name].push(key);
      }
    }
    process.stdout.write(JSON.stringify(out));`;
  // A script file: `-e` and stdin scripts start with more of Node loaded.
  const dir = mkdtempSync(join(tmpdir(), 'slant-probe-'));
  try {
    const file = join(dir, 'probe.mjs');
    writeFileSync(file, probe);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`probing Node's builtins failed:\n${run.stderr}`);
    return JSON.parse(run.stdout) as Record<string, string[]>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function builtinFacades(): Plugin {
  let plain: Record<string, string[]> | undefined;
  return {
    name: 'builtin-facades',
    resolveId(source, _importer, extra) {
      if (extra.kind !== 'import-statement') return;
      const name = source.startsWith('node:') ? source.slice('node:'.length) : source;
      return FACADE_BUILTINS.includes(name) ? PREFIX + name : undefined;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return;
      const name = id.slice(PREFIX.length);
      plain ??= plainExports(FACADE_BUILTINS);
      return [
        `const m = process.getBuiltinModule(${JSON.stringify(`node:${name}`)});`,
        'export default m;',
        ...(plain[name] ?? []).map((key) => `export const ${key} = m.${key};`),
      ].join('\n');
    },
  };
}
