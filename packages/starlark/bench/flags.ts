// Benchmark programs name the starlark-go command flags they need in a header comment
// ("# starlark flags: -recursion"), so the same file runs under `starlark` and under Slant.
import type { FileOptions } from '../src/syntax/options.ts';

/** The flags in a "# starlark flags:" comment line, or none. */
export function benchFlags(src: string): string[] {
  const m = /^# starlark flags:(.*)$/m.exec(src);
  return m ? m[1]!.trim().split(/\s+/).filter(Boolean) : [];
}

/** The file options the starlark command derives from its legacy flags (sets are always on). */
export function flagsToOptions(flags: readonly string[]): FileOptions {
  const reassign = flags.includes('-globalreassign');
  return {
    set: true,
    while: reassign,
    topLevelControl: reassign,
    globalReassign: reassign,
    loadBindsGlobally: false,
    recursion: flags.includes('-recursion'),
  };
}
