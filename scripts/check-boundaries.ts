// Checks the import boundaries ARCHITECTURE.md promises, by reading every import in the sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

interface Rule {
  /** Files this rule applies to (path relative to the repo root starts with this). */
  readonly from: string;
  /** Import specifiers or resolved repo paths that such files must not use. */
  readonly forbid: readonly RegExp[];
  readonly why: string;
}

const rules: readonly Rule[] = [
  {
    from: 'packages/starlark/',
    forbid: [/^@slant\//, /^packages\/(?!starlark\/)/],
    why: 'the Starlark interpreter imports nothing of Slant',
  },
  {
    from: 'packages/starlark/src/values/',
    forbid: [/^packages\/starlark\/src\/eval\//],
    why: 'values see the evaluator only through the Thread interface',
  },
  {
    from: 'packages/starlark/src/builtins/',
    forbid: [/^packages\/starlark\/src\/eval\//],
    why: 'builtins see the evaluator only through the Thread interface',
  },
  {
    from: 'packages/starlark/src/syntax/',
    forbid: [/^packages\/starlark\/src\/(values|eval|builtins|resolve)\//],
    why: 'syntax is the bottom layer',
  },
  {
    from: 'packages/api/',
    forbid: [/^@slant\//, /^packages\/(?!api\/)/, /^node:/],
    why: 'api has no runtime dependencies',
  },
  {
    from: 'packages/web/',
    forbid: [/^@slant\/(?!api$)/, /^packages\/(?!web\/|api\/)/],
    why: 'web imports @slant/api only',
  },
  {
    from: 'packages/slant/src/cli/',
    forbid: [/^packages\/slant\/src\/(?!cli\/|index\.ts$)/],
    why: "the CLI imports only the package's public entry",
  },
  {
    from: 'packages/slant/src/k8s/',
    forbid: [/^packages\/slant\/src\/(engine|controllers|cli)\//],
    why: 'client adapters never import the engine, controllers or CLI',
  },
  {
    from: 'packages/slant/src/docker/',
    forbid: [/^packages\/slant\/src\/(engine|controllers|cli)\//],
    why: 'client adapters never import the engine, controllers or CLI',
  },
  {
    from: 'packages/slant/src/watch/',
    forbid: [/^packages\/slant\/src\/(engine|controllers|cli)\//],
    why: 'client adapters never import the engine, controllers or CLI',
  },
  {
    from: 'packages/slant/src/exec/',
    forbid: [/^packages\/slant\/src\/(engine|controllers|cli)\//],
    why: 'client adapters never import the engine, controllers or CLI',
  },
  {
    from: 'packages/slant/src/store/',
    forbid: [/^packages\/slant\/src\/(engine|controllers|cli|tiltfile)\//],
    why: 'the store knows nothing of who reads or writes it',
  },
  {
    from: 'packages/slant/src/tiltfile/',
    forbid: [/^packages\/slant\/src\/(engine|controllers|cli|store)\//],
    why: 'the Tiltfile loader only declares objects; the engine applies them',
  },
];

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name)) yield path;
  }
}

const importPattern =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

const violations: string[] = [];
for (const file of sourceFiles(join(root, 'packages'))) {
  const rel = relative(root, file);
  const applicable = rules.filter((r) => rel.startsWith(r.from));
  if (applicable.length === 0) continue;
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(importPattern)) {
    const spec = m[1] ?? m[2] ?? '';
    const target = spec.startsWith('.') ? relative(root, resolve(file, '..', spec)) : spec;
    for (const rule of applicable) {
      if (rule.forbid.some((re) => re.test(target))) {
        violations.push(`${rel}: imports "${spec}": ${rule.why}`);
      }
    }
  }
}

if (violations.length > 0) {
  process.stderr.write(`Import boundary violations:\n${violations.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('Import boundaries: ok\n');
