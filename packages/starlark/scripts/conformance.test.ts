// Slant's own chunked Starlark cases (packages/starlark/testdata) must all pass under the
// conformance runner, which applies starlark-go's driver semantics.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeJsonModule, makeMathModule, makeTimeModule } from '../src/builtins/universe.ts';
import { collectFiles, runFiles } from './conformance-runner.ts';

const TESTDATA = join(import.meta.dirname, '../testdata');

describe('conformance of packages/starlark/testdata', () => {
  const modules = new Map([
    ['json.star', new Map([['json', makeJsonModule()]])],
    ['math.star', new Map([['math', makeMathModule()]])],
    ['time.star', new Map([['time', makeTimeModule()]])],
  ]);
  const results = runFiles(collectFiles([TESTDATA]), modules);
  for (const r of results) {
    it(`${r.file}: every chunk passes`, () => {
      expect(r.skipped).toBeUndefined();
      const failures = r.chunks.flatMap((c) => c.failures);
      expect(failures).toEqual([]);
    });
  }
});
