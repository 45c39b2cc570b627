// `slant up [resources...] [-- args]`: starts the dev loop — runs the Tiltfile, builds, deploys,
// watches. On a terminal it prints Tilt's prompt (keys: browser, stream, full-screen view);
// with --stream or without a terminal it streams every resource's log; --legacy opens the
// full-screen view. Ctrl-C stops serve commands and port
// forwards and exits 0; what was deployed stays until `slant down`, as in Tilt.
import type { Command } from 'commander';
import { formatError, startSlant } from '../index.ts';
import {
  commonEnv,
  parsePort,
  runUntilSignalAndExit,
  type SessionFlags,
  sessionOptions,
} from './session-flags.ts';
import { type TerminalFlags, terminalOptions, terminalSettings } from './terminal-flags.ts';

export function registerUpCommand(program: Command): void {
  terminalOptions(sessionOptions(program.command('up')))
    .description('Start Slant with the given config')
    .option('--legacy', 'If true, Slant will open in legacy terminal mode.', false)
    .option('--stream', 'If true, Slant will stream logs in the terminal', false)
    .argument('[args...]', 'Tiltfile args (resources to enable, or after -- for config.parse)')
    .action(async (args: string[], opts: SessionFlags & TerminalFlags) => {
      try {
        const port = parsePort(opts.port);
        let userQuit = () => {};
        const quit = new Promise<void>((resolve) => {
          userQuit = resolve;
        });
        const slant = await startSlant({
          mode: 'up',
          args,
          ...commonEnv(opts),
          port,
          terminal: terminalSettings(opts, false, () => userQuit()),
          write: (text) => process.stdout.write(text),
        });
        await runUntilSignalAndExit(slant, quit);
      } catch (err) {
        process.stderr.write(`${formatError(err)}\n`);
        process.exitCode = 1;
      }
    });
}
