// `slant ci [-- args]`: runs the dev loop until every resource is updated and ready (exit 0) or
// one fails (exit 1), as `tilt ci` does, streaming logs. Nothing is watched for changes.
import type { Command } from 'commander';
import { formatError, parseGoDuration, startSlant } from '../index.ts';
import {
  commonEnv,
  parsePort,
  runUntilSignalAndExit,
  type SessionFlags,
  sessionExtras,
  sessionOptions,
} from './session-flags.ts';
import { logLevelOf } from './global-flags.ts';
import { type TerminalFlags, terminalOptions, terminalSettings } from './terminal-flags.ts';

export function registerCiCommand(program: Command): void {
  terminalOptions(sessionOptions(program.command('ci')))
    .description('Start Slant in CI/batch mode with the given Tiltfile args')
    .option(
      '--timeout <duration>',
      'Timeout to wait for CI to pass. Set to 0 for no timeout.',
      '30m0s',
    )
    .argument('[args...]', 'Tiltfile args')
    .action(
      async (
        args: string[],
        opts: SessionFlags & TerminalFlags & { timeout: string },
        cmd: Command,
      ) => {
        try {
          const port = parsePort(opts.port);
          parseGoDuration(opts.timeout);
          const slant = await startSlant({
            mode: 'ci',
            args,
            ...commonEnv(opts),
            ...sessionExtras(opts),
            logLevel: logLevelOf(cmd),
            port,
            ciTimeout: opts.timeout,
            terminal: terminalSettings(opts, true),
            write: (text) => process.stdout.write(text),
          });
          await runUntilSignalAndExit(slant);
        } catch (err) {
          process.stderr.write(`${formatError(err)}\n`);
          process.exitCode = 1;
        }
      },
    );
}
