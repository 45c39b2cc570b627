// `npm run conformance -- [--strict] <dir|file>...`: runs chunked Starlark test files (starlark-go's
// testdata or Slant's own) and prints per-file and total results. Exits non-zero on failures
// only with --strict.
import { parseArgs } from 'node:util';
import { makeJsonModule, makeMathModule, makeTimeModule } from '../src/builtins/universe.ts';
import { collectFiles, formatReport, runFiles, totals } from './conformance-runner.ts';

const { values, positionals } = parseArgs({
  options: { strict: { type: 'boolean', default: false } },
  allowPositionals: true,
});
if (positionals.length === 0) {
  console.error('usage: conformance [--strict] <dir|file>...');
  process.exit(2);
}
const modules = new Map([
  ['json.star', new Map([['json', makeJsonModule()]])],
  ['math.star', new Map([['math', makeMathModule()]])],
  ['time.star', new Map([['time', makeTimeModule()]])],
]);
let files: string[];
try {
  files = collectFiles(positionals);
} catch (e) {
  console.error(`conformance: ${(e as Error).message}`);
  process.exit(2);
}
const results = runFiles(files, modules);
console.log(formatReport(results));
if (values.strict && totals(results).failed > 0) process.exit(1);
