// Test helper: reads a chunked test file in starlark-go's format (chunks split by "---" lines,
// padded to their line numbers; `###` followed by a quoted regexp expects an error on that line;
// `option:NAME` in a chunk turns on that dialect option).

import { readFileSync } from 'node:fs';
import type { FileOptions } from './options.ts';

export interface TestChunk {
  readonly index: number;
  readonly src: string; // binary string
  readonly options: FileOptions;
  readonly want: ReadonlyMap<number, RegExp>;
}

export function readChunks(url: URL): TestChunk[] {
  const text = readFileSync(url, 'latin1');
  const out: TestChunk[] = [];
  let line = 1;
  for (const [index, part] of text.split('\n---\n').entries()) {
    const want = new Map<number, RegExp>();
    const src = '\n'.repeat(line - 1) + part;
    for (const l of part.split('\n')) {
      const at = l.indexOf('###');
      if (at >= 0) {
        const lit = l.slice(at + 3).trim();
        const pattern = lit.startsWith('`') ? lit.slice(1, -1) : (JSON.parse(lit) as string);
        want.set(line, new RegExp(pattern));
      }
      line++;
    }
    line++;
    const has = (name: string): boolean => part.includes(`option:${name}`);
    const options: FileOptions = {
      set: has('set'),
      while: has('while'),
      topLevelControl: has('toplevelcontrol'),
      globalReassign: has('globalreassign'),
      loadBindsGlobally: has('loadbindsglobally'),
      recursion: has('recursion'),
    };
    out.push({ index, src, options, want });
  }
  return out;
}

/** Matches errors (line, message) against a chunk's expectations; returns the mismatches. */
export function checkErrors(
  chunk: TestChunk,
  errors: ReadonlyArray<{ line: number; msg: string }>,
): string[] {
  const pending = new Map(chunk.want);
  const problems: string[] = [];
  for (const { line, msg } of errors) {
    const re = pending.get(line);
    if (re === undefined) {
      problems.push(`line ${line}: unexpected error: ${msg}`);
      continue;
    }
    pending.delete(line);
    if (!re.test(msg))
      problems.push(`line ${line}: error ${JSON.stringify(msg)} does not match ${re}`);
  }
  for (const [line, re] of pending) problems.push(`line ${line}: expected error matching ${re}`);
  return problems;
}
