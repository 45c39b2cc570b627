// `slant up [resources...] [-- args]`: starts the dev loop — runs the Tiltfile, builds, deploys,
// watches. On a terminal it prints Tilt's prompt (keys: browser, stream, full-screen view);
// with --stream or without a terminal it streams every resource's log; --legacy opens the
// full-screen view. Ctrl-C stops serve commands and port
// forwards and exits 0; what was deployed stays until `slant down`, as in Tilt.
import { type Command, InvalidArgumentError } from 'commander';
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatError, maybeGenerateTiltfile, startSlant } from '../index.ts';
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

interface UpFlags extends SessionFlags, TerminalFlags {
  updateMode: string;
  disablePortForwards: boolean;
}

// Tilt's update modes. Live updates into Kubernetes containers always go through exec here
// (Tilt's default too); "image" is accepted as Tilt accepts it, with the same effect as auto.
const UPDATE_MODES = ['auto', 'image', 'container', 'exec'];

function updateMode(value: string): string {
  if (!UPDATE_MODES.includes(value)) {
    throw new InvalidArgumentError(
      `unknown update mode "${value}". Valid Values: [${UPDATE_MODES.join(' ')}]`,
    );
  }
  if (value === 'container') {
    throw new InvalidArgumentError(
      'update mode "container" is not supported: Slant updates Kubernetes containers with exec (--update-mode=exec, the default with auto)',
    );
  }
  return value;
}

export function registerUpCommand(program: Command): void {
  terminalOptions(sessionOptions(program.command('up')))
    .description('Start Slant with the given config')
    .option('--legacy', 'If true, Slant will open in legacy terminal mode.', false)
    .option('--stream', 'If true, Slant will stream logs in the terminal', false)
    .option(
      '--update-mode <mode>',
      `Control the strategy Slant uses for updating instances. Possible values: [${UPDATE_MODES.join(' ')}]`,
      updateMode,
      'auto',
    )
    .option(
      '--disable-port-forwards',
      'Disable all Kubernetes port-forwards to the local machine.',
      false,
    )
    .argument('[args...]', 'Tiltfile args (resources to enable, or after -- for config.parse)')
    .action(async (args: string[], opts: UpFlags, cmd: Command) => {
      try {
        const port = parsePort(opts.port);
        const offer = await maybeGenerateTiltfile(resolve(opts.file), {
          input: process.stdin,
          output: process.stdout,
          interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
          stat: (p) => {
            const st = statSync(p, { throwIfNoEntry: false });
            return st === undefined ? 'none' : st.isDirectory() ? 'directory' : 'file';
          },
          writeFile: (p, text) => writeFileSync(p, text),
          yellow: (t) => (process.env.NO_COLOR ? t : `\u001b[33m${t}\u001b[39m`),
        });
        if (offer === 'exit') return;
        let userQuit = () => {};
        const quit = new Promise<void>((resolve) => {
          userQuit = resolve;
        });
        const slant = await startSlant({
          mode: 'up',
          args,
          ...commonEnv(opts),
          ...sessionExtras(opts),
          logLevel: logLevelOf(cmd),
          ...(opts.disablePortForwards ? { disablePortForwards: true } : {}),
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
