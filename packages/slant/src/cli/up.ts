// `slant up [resources...] [-- args]`: starts the dev loop — runs the Tiltfile, builds, deploys,
// watches — and streams every resource's log to the terminal (Tilt's `--stream` mode; the
// full-screen terminal UI is its own command mode). Ctrl-C stops serve commands and port
// forwards and exits 0; what was deployed stays until `slant down`, as in Tilt.
import type { Command } from 'commander';
import { formatError, startSlant } from '../index.ts';
import { commonEnv, parsePort, runUntilSignalAndExit, type SessionFlags } from './session-flags.ts';

export function registerUpCommand(program: Command): void {
  program
    .command('up')
    .description('Start Slant with the given config')
    .option('-f, --file <file>', 'Path to Tiltfile', 'Tiltfile')
    .option(
      '--port <port>',
      'Port for the Slant HTTP server. Set to 0 to disable.',
      process.env.TILT_PORT ?? '10350',
    )
    .option(
      '--host <host>',
      'Host for the Slant HTTP server and default host for any port-forwards. Set to 0.0.0.0 to listen on all interfaces.',
      process.env.TILT_HOST ?? 'localhost',
    )
    .option('--stream', 'If true, Slant will stream logs in the terminal', false)
    .option('--context <context>', 'Kubernetes context override. Equivalent to kubectl --context')
    .option(
      '--namespace <namespace>',
      'Default namespace for Kubernetes resources (overrides default namespace from active context)',
    )
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
