// `slant starlark [FILE]`: a Starlark file run as starlark-go's `starlark` command runs it, or a
// REPL on stdin without FILE (app-starlark.ts).
import type { Command } from 'commander';
import { runStarlark } from '../index.ts';

export function registerStarlarkCommand(program: Command): void {
  program
    .command('starlark')
    .description('run a Starlark file, or a Starlark REPL reading stdin without FILE')
    .argument('[file]', 'the Starlark file to run')
    .action(async (file: string | undefined) => {
      process.exitCode = await runStarlark(file);
    });
}
