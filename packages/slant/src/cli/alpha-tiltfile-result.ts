// `slant alpha tiltfile-result [-f FILE] [-- ARGS]`: executes the Tiltfile and prints the result
// as JSON (the files it depends on, its resources, warnings and the API objects it declares), like
// `tilt alpha tiltfile-result`. Exit status 0 on success, 5 when the Tiltfile fails (the error on
// stderr), 1 for other failures. Tiltfile logs go to stderr with -v, or when the Tiltfile fails.
import type { Command } from 'commander';
import { formatError, runTiltfileOnHost } from '../index.ts';

export const TILTFILE_ERR_EXIT_CODE = 5;

interface Options {
  file: string;
  context?: string;
  verbose?: boolean;
}

function alphaCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'alpha') ??
    program.command('alpha').description('unstable and experimental commands')
  );
}

export function registerAlphaTiltfileResultCommand(program: Command): void {
  alphaCommand(program)
    .command('tiltfile-result')
    .description('Exec the Tiltfile and print data about execution')
    .option('-f, --file <file>', 'Path to Tiltfile', 'Tiltfile')
    .option('--context <context>', 'Kubernetes context override. Equivalent to kubectl --context')
    .option('-v, --verbose', 'print Tiltfile execution logs on stderr, even when it succeeds')
    .argument('[args...]', 'Tiltfile args (after --)')
    .action((args: string[], opts: Options) => {
      process.exitCode = tiltfileResult(args, opts);
    });
}

function tiltfileResult(args: string[], opts: Options): number {
  const deferred: string[] = [];
  const logWrite =
    opts.verbose === true
      ? (text: string) => process.stderr.write(text)
      : (text: string) => void deferred.push(text);
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const r = runTiltfileOnHost({
    file: opts.file,
    args,
    subcommand: 'alpha tiltfile-result',
    ...(opts.context === undefined ? {} : { kubeContext: opts.context }),
    cwd: process.cwd(),
    env,
    argv: process.argv.slice(1),
    executable: process.argv[1] ?? process.execPath,
    logWrite,
  });
  if (r.error !== undefined) {
    process.stderr.write(deferred.join(''));
    process.stderr.write(`${formatError(r.error)}\n`);
    return TILTFILE_ERR_EXIT_CODE;
  }
  const out = {
    configFiles: r.configFiles,
    resources: r.resources.map((res) => res.name),
    enabledResources: r.enabledResources,
    warnings: r.warnings,
    objects: r.objects,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}
