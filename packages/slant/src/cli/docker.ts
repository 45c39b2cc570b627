// `slant docker -- ARGS`: runs the docker CLI as Slant's Docker client would reach the daemon
// (Tilt's `tilt docker`), after saying how on stderr; docker's exit code is Slant's.
import type { Command } from 'commander';
import { formatError, runDockerCli } from '../index.ts';
import { processEnv } from './process-env.ts';

export function registerDockerCommand(program: Command): void {
  program
    .command('docker')
    .usage('[flags] -- command ...')
    .description('Execute Docker commands as Slant would execute them')
    .argument('[args...]', 'the docker command and its arguments')
    .addHelpText('after', '\nExamples:\n  slant docker -- build -f path/to/Dockerfile .')
    .action(async (args: string[]) => {
      const env = processEnv();
      try {
        process.exitCode = await runDockerCli({
          args,
          env,
          writeErr: (text) => process.stderr.write(text),
        });
      } catch (err) {
        process.stderr.write(`${formatError(err)}\n`);
        process.exitCode = 1;
      }
    });
}
