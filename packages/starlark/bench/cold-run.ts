// Spawns cold.ts: one first run of a benchmark program in a fresh Node process.
import { spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STAGES = ['parse', 'resolve', 'compile', 'exec'] as const;
export type Stage = (typeof STAGES)[number];

export interface ColdRun {
  out: string; // the printed output
  ms: number; // wall-clock
  cpu: Record<Stage | 'total', number>; // CPU ms of the whole process
  main: Record<Stage | 'total', number>; // CPU ms of the main thread
}

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'cold.ts');

export function runCold(file: string): ColdRun {
  const r = spawnSync(process.execPath, [...process.execArgv, CHILD, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cold run of ${basename(file)} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ColdRun;
}
