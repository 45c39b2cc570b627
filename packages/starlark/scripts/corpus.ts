// `node packages/starlark/scripts/corpus.ts <dir>...`: a smoke test over real Tiltfiles (e.g. a
// checkout of tilt-dev/tilt-extensions): parses and resolves every `Tiltfile` and `*.star` under
// the directories with Tilt's dialect, every name predeclared (the Tilt builtins), and prints the
// files that fail. Exits 1 if any does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StaticError, StaticErrorList } from '../src/errors.ts';
import { universe } from '../src/builtins/universe.ts';
import { resolveFile } from '../src/resolve/resolve.ts';
import { TILT_FILE_OPTIONS } from '../src/syntax/options.ts';
import { parseFile } from '../src/syntax/parse.ts';
import { displayPath } from './conformance-plan.ts';

function* starlarkFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* starlarkFiles(path);
    else if (name === 'Tiltfile' || name.endsWith('.star')) yield path;
  }
}

const univ = universe();
let total = 0;
let failed = 0;
for (const dir of process.argv.slice(2)) {
  for (const path of starlarkFiles(dir)) {
    total++;
    try {
      const file = parseFile(path, readFileSync(path, 'latin1'), TILT_FILE_OPTIONS);
      resolveFile(
        file,
        () => true,
        (name) => univ.has(name),
      );
    } catch (e) {
      failed++;
      const why = e instanceof StaticError || e instanceof StaticErrorList ? e.message : String(e);
      console.log(`${displayPath(path)}: ${why}`);
    }
  }
}
console.log(`${total} files, ${total - failed} parse and resolve, ${failed} fail`);
process.exitCode = failed > 0 ? 1 : 0;
