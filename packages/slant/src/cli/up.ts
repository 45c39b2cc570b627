// `slant up [resources...] [-- args]`: starts the dev loop — runs the Tiltfile, builds, deploys,
// watches — and streams every resource's log to the terminal (Tilt's `--stream` mode; the
// full-screen terminal UI is its own command mode). Ctrl-C stops serve commands and port
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

export function registerUpCommand(program: Command): void {
  sessionOptions(program.command('up'))
    .description('Start Slant with the given config')
    .option('--stream', 'If true, Slant will stream logs in the terminal', false)
    .argument('[args...]', 'Tiltfile args (resources to enable, or after -- for config.parse)')
    .action(async (args: string[], opts: SessionFlags) => {
      try {
        const port = parsePort(opts.port);
        const slant = await startSlant({
          mode: 'up',
          args,
          ...commonEnv(opts),
          port,
          write: (text) => process.stdout.write(text),
        });
        await runUntilSignalAndExit(slant);
      } catch (err) {
        process.stderr.write(`${formatError(err)}\n`);
        process.exitCode = 1;
      }
    });
}
