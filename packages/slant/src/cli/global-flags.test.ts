import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { addGlobalFlags, logLevelOf } from './global-flags.ts';

/** A program shaped as slant's: positional options, a group, a command with its own -v. */
function program(seen: { level?: string; own?: unknown }) {
  const p = new Command('slant').enablePositionalOptions().exitOverride();
  p.command('up')
    .argument('[args...]')
    .action((_a, _o, cmd: Command) => {
      seen.level = logLevelOf(cmd);
    });
  p.command('alpha')
    .command('tiltfile-result')
    .option('-v, --verbose', 'print the logs')
    .action((o: { verbose?: boolean }, cmd: Command) => {
      seen.own = o.verbose;
      seen.level = logLevelOf(cmd);
    });
  addGlobalFlags(p);
  return p;
}

async function run(argv: string[]) {
  const seen: { level?: string; own?: unknown } = {};
  await program(seen).parseAsync(argv, { from: 'user' });
  return seen;
}

describe('Tilt global flags', () => {
  test('-d and -v after the command set its level; before it, the program level counts', async () => {
    expect((await run(['up'])).level).toBe('info');
    expect((await run(['up', '-v'])).level).toBe('verbose');
    expect((await run(['up', '--debug', 'web'])).level).toBe('debug');
    expect((await run(['-v', 'up'])).level).toBe('verbose');
    expect((await run(['up', '--klog', '4'])).level).toBe('info');
  });

  test('a command that defines one of them keeps its own', async () => {
    expect(await run(['alpha', 'tiltfile-result', '-v'])).toEqual({ own: true, level: 'verbose' });
    expect((await run(['alpha', 'tiltfile-result', '-d'])).level).toBe('debug');
  });
});
