// `slant ci [-- args]`: runs the dev loop until every resource is updated and ready (exit 0) or
// one fails (exit 1), as `tilt ci` does, streaming logs. Nothing is watched for changes.
import type { Command } from 'commander';
import { formatError, parseGoDuration, startSlant } from '../index.ts';
import { commonEnv, parsePort, runUntilSignalAndExit, type SessionFlags } from './session-flags.ts';

export function registerCiCommand(program: Command): void {
  program
    .command('ci')
    .description('Start Slant in CI/batch mode with the given Tiltfile args')
    .option('-f, --file <file>', 'Path to Tiltfile', 'Tiltfile')
    .option(
      '--port <port>',
      'Port for the Slant HTTP server. Set to 0 to disable.',
      process.env.TILT_PORT ?? '10350',
    )
    .option(
      '--host <host>',
      'Host for the Slant HTTP server and default host for any port-forwards.',
      process.env.TILT_HOST ?? 'localhost',
    )
    .option('--context <context>', 'Kubernetes context override. Equivalent to kubectl --context')
    .option(
      '--namespace <namespace>',
      'Default namespace for Kubernetes resources (overrides default namespace from active context)',
    )
    .option(
      '--timeout <duration>',
      'Timeout to wait for CI to pass. Set to 0 for no timeout.',
      '30m0s',
    )
    .argument('[args...]', 'Tiltfile args')
    .action(async (args: string[], opts: SessionFlags & { timeout: string }) => {
      try {
        const port = parsePort(opts.port);
        parseGoDuration(opts.timeout);
        const slant = await startSlant({
          mode: 'ci',
          args,
          ...commonEnv(opts),
          port,
          ciTimeout: opts.timeout,
          write: (text) => process.stdout.write(text),
        });
        await runUntilSignalAndExit(slant);
      } catch (err) {
        process.stderr.write(`${formatError(err)}\n`);
        process.exitCode = 1;
      }
    });
}
