// Runs chunked .star test files with starlark-go's driver semantics and tallies the results.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Value } from '../src/values/index.ts';
import { splitChunks } from './chunks.ts';
import type { Chunk } from './chunks.ts';
import { ExecHarness, runCompile, runParseChunk, runResolveChunk } from './conformance-drivers.ts';
import { displayPath, planFor } from './conformance-plan.ts';

export interface ChunkResult {
  readonly line: number;
  readonly failures: readonly string[];
}

export interface FileResult {
  readonly file: string;
  readonly skipped?: string;
  readonly note?: string;
  readonly chunks: readonly ChunkResult[];
}

/** The .star files named by args: files as given, directories' top-level .star files sorted. */
export function collectFiles(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const path = resolve(arg);
    if (statSync(path).isDirectory()) {
      const names = readdirSync(path)
        .filter((n) => n.endsWith('.star'))
        .sort();
      for (const n of names) out.push(join(path, n));
    } else out.push(path);
  }
  return out;
}

/** A chunk holding a whole file: no splitting, no expectations (the file must just work). */
function wholeFile(filename: string, src: string, options: Chunk['options']): Chunk {
  return {
    filename,
    index: 0,
    startLine: 1,
    source: src,
    options,
    expectations: new Map(),
    problems: [],
  };
}

export function runFiles(
  paths: readonly string[],
  modules: ReadonlyMap<string, ReadonlyMap<string, Value>>,
): FileResult[] {
  const harness = new ExecHarness(modules);
  const results: FileResult[] = [];
  for (const path of paths) {
    const plan = planFor(path);
    const file = displayPath(path);
    if (plan.kind === 'skip') {
      results.push({ file, skipped: plan.note ?? 'skipped', chunks: [] });
      continue;
    }
    const data = readFileSync(path, 'latin1');
    const chunks = plan.chunked
      ? splitChunks(file, data)
      : [wholeFile(file, data, splitChunks(file, data)[0]!.options)];
    const out: ChunkResult[] = [];
    for (const chunk of chunks) {
      let failures: string[];
      switch (plan.kind) {
        case 'parse':
          failures = runParseChunk(chunk);
          break;
        case 'resolve':
          failures = runResolveChunk(chunk, plan.universal);
          break;
        case 'compile':
          failures = runCompile(file, chunk.source);
          break;
        case 'benchmark':
          failures = harness.runBenchmark(file, chunk.source, chunk.options);
          break;
        default:
          failures = harness.runChunk(chunk, plan);
      }
      out.push({ line: chunk.startLine, failures });
    }
    results.push({ file, chunks: out, ...(plan.note === undefined ? {} : { note: plan.note }) });
  }
  return results;
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

export function totals(results: readonly FileResult[]): Totals {
  const t = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    if (r.skipped !== undefined) t.skipped++;
    for (const c of r.chunks) {
      if (c.failures.length === 0) t.passed++;
      else t.failed++;
    }
  }
  return t;
}

/** The printed report: a line per file, the failures under it, then the totals. */
export function formatReport(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.skipped !== undefined) {
      lines.push(`${r.file}: skipped (${r.skipped})`);
      continue;
    }
    const t = totals([r]);
    const note = r.note === undefined ? '' : ` [${r.note}]`;
    lines.push(`${r.file}: ${t.passed}/${r.chunks.length} chunks passed${note}`);
    for (const c of r.chunks) {
      if (c.failures.length === 0) continue;
      lines.push(`  chunk at line ${c.line}:`);
      for (const f of c.failures) lines.push(`    ${f.replaceAll('\n', '\n      ')}`);
    }
  }
  const t = totals(results);
  lines.push(
    `total: ${t.passed} passed, ${t.failed} failed, ${t.skipped} files skipped (${results.length} files)`,
  );
  return lines.join('\n');
}
