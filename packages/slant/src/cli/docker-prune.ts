// `slant docker-prune`: prunes once as `slant up` would (Tilt's `tilt docker-prune`), with the
// Tiltfile's docker_prune_settings. The report goes to stdout at Tilt's verbose level (counts
// even when zero); --debug adds the removed items, as Tilt's global flag does.
import type { Command } from 'commander';
import { formatError, runDockerPrune } from '../index.ts';
import { processEnv } from './process-env.ts';

interface DockerPruneFlags {
  file: string;
  debug: boolean;
  verbose: boolean;
}

export function registerDockerPruneCommand(program: Command): void {
  program
    .command('docker-prune')
    .description('Run docker prune as Slant does')
    .option('-f, --file <file>', 'Path to Tiltfile', 'Tiltfile')
    .option('-d, --debug', 'Enable debug logging', false)
    .option('-v, --verbose', 'Enable verbose logging', false)
    .argument('[args...]', 'Tiltfile args')
    .addHelpText('after', '\nExamples:\n  slant docker-prune\n  slant docker-prune --debug')
    .action(async (args: string[], flags: DockerPruneFlags) => {
      const env = processEnv();
      try {
        await runDockerPrune({
          file: flags.file,
          args,
          cwd: process.cwd(),
          env,
          argv: process.argv.slice(1),
          executable: process.argv[1] ?? process.execPath,
          level: flags.debug ? 'debug' : 'verbose',
          write: (text) => process.stdout.write(text),
        });
      } catch (err) {
        process.stderr.write(`${formatError(err)}\n`);
        process.exitCode = 1;
      }
    });
}
