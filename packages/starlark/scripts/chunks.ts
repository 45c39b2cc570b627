// Chunked test files in starlark-go's format: chunks separated by "\n---\n" lines, each padded
// with newlines so its line numbers match the file; a `###` on a line followed by a Go string
// literal holding a regexp expects an error on that line; `option:NAME` anywhere in a chunk
// turns on that dialect option for the chunk.

import type { FileOptions } from '../src/syntax/options.ts';
import { goUnquote } from './go-unquote.ts';
import { compileGoRegexp } from '../src/testing/go-regexp.ts';

export interface Expectation {
  readonly line: number;
  readonly pattern: string;
  readonly re: RegExp;
}

export interface Chunk {
  readonly filename: string;
  readonly index: number;
  readonly startLine: number;
  /** The padded source in binary form (one code unit per byte), as the interpreter takes it. */
  readonly source: string;
  readonly options: FileOptions;
  readonly expectations: ReadonlyMap<number, Expectation>;
  /** Malformed `###` lines: the chunk fails with these. */
  readonly problems: readonly string[];
}

/** Splits a file (given as a binary string: one code unit per byte) into chunks. */
export function splitChunks(filename: string, data: string): Chunk[] {
  const chunks: Chunk[] = [];
  let linenum = 1;
  const parts = data.split('\n---\n');
  for (const [index, part] of parts.entries()) {
    const startLine = linenum;
    const source = '\n'.repeat(linenum - 1) + part;
    const expectations = new Map<number, Expectation>();
    const problems: string[] = [];
    for (const rawLine of part.split('\n')) {
      const at = rawLine.indexOf('###');
      if (at >= 0) {
        const rest = decodeUtf8(rawLine.slice(at + 3)).trim();
        const pattern = goUnquote(rest);
        if (pattern === undefined) {
          problems.push(`${filename}:${linenum}: not a quoted regexp: ${rest}`);
        } else {
          const re = compileGoRegexp(pattern);
          if (typeof re === 'string') problems.push(`${filename}:${linenum}: ${re}`);
          else expectations.set(linenum, { line: linenum, pattern, re });
        }
      }
      linenum++;
    }
    linenum++; // the "---" separator line
    chunks.push({
      filename,
      index,
      startLine,
      source,
      options: chunkOptions(part),
      expectations,
      problems,
    });
  }
  return chunks;
}

/** The dialect options a chunk asks for: a plain substring test, as starlark-go's tests do. */
export function chunkOptions(src: string): FileOptions {
  const has = (name: string): boolean => src.includes(`option:${name}`);
  return {
    set: has('set'),
    while: has('while'),
    topLevelControl: has('toplevelcontrol'),
    globalReassign: has('globalreassign'),
    loadBindsGlobally: has('loadbindsglobally'),
    recursion: has('recursion'),
  };
}

/** Checks the errors a chunk produced against its expectations, like chunkedfile.Chunk. */
export class ChunkChecker {
  readonly failures: string[];
  private readonly pending: Map<number, Expectation>;
  readonly filename: string;

  constructor(chunk: Chunk) {
    this.filename = chunk.filename;
    this.pending = new Map(chunk.expectations);
    this.failures = [...chunk.problems];
  }

  /** Reports an error at a line; msg is in binary form and is matched as UTF-8 text. */
  gotError(line: number, msg: string): void {
    const text = decodeUtf8(msg);
    const want = this.pending.get(line);
    if (want === undefined) {
      this.failures.push(`${this.filename}:${line}: unexpected error: ${text}`);
      return;
    }
    this.pending.delete(line);
    if (!want.re.test(text)) {
      this.failures.push(
        `${this.filename}:${line}: error ${JSON.stringify(text)} does not match pattern ${JSON.stringify(want.pattern)}`,
      );
    }
  }

  fail(msg: string): void {
    this.failures.push(msg);
  }

  /** Reports every expectation that never fired; returns all failures of the chunk. */
  done(): string[] {
    for (const want of [...this.pending.values()].sort((a, b) => a.line - b.line)) {
      this.failures.push(
        `${this.filename}:${want.line}: expected error matching ${JSON.stringify(want.pattern)}`,
      );
    }
    this.pending.clear();
    return this.failures;
  }
}

/** Binary string (UTF-8 bytes) → text. */
export function decodeUtf8(binary: string): string {
  return Buffer.from(binary, 'latin1').toString('utf8');
}
