// `slant alpha tiltfile-result [-f FILE] [-- ARGS]`: executes the Tiltfile and prints the result
// as JSON (the files it depends on, its resources, warnings and the API objects it declares), like
// `tilt alpha tiltfile-result`. Exit status 0 on success, 5 when the Tiltfile fails (the error on
// stderr), 1 for other failures. Tiltfile logs go to stderr with -v, or when the Tiltfile fails.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  formatError,
  formatGoDurationPrecise,
  parseGoDuration,
  runTiltfileOnHost,
} from '../index.ts';
import type { TiltfileResult } from '../index.ts';
import { processEnv } from './process-env.ts';

export const TILTFILE_ERR_EXIT_CODE = 5;

interface Options {
  file: string;
  builtinTimings?: boolean;
  durThreshold?: string;
  context?: string;
  verbose?: boolean;
}

export function alphaCommand(program: Command): Command {
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
    .option(
      '-b, --builtin-timings',
      'If true, print timing data for Tiltfile Builtin calls instead of Tiltfile result JSON',
    )
    .option(
      '--dur-threshold <duration>',
      'Only compatible with Builtin Timings mode. Should be a Go duration string. If passed, only print information about builtin calls lasting this duration and longer.',
    )
    .argument('[args...]', 'Tiltfile args (after --)')
    .action(async (args: string[], opts: Options) => {
      process.exitCode = await tiltfileResult(args, opts);
    });
}

async function tiltfileResult(args: string[], opts: Options): Promise<number> {
  const deferred: string[] = [];
  const logWrite =
    opts.verbose === true
      ? (text: string) => process.stderr.write(text)
      : (text: string) => void deferred.push(text);
  // Tilt's loader logs these two lines itself, so they show with -v and with a failure.
  logWrite(`Loading Tiltfile at: ${resolve(opts.file)}\n`);
  const env = processEnv();
  const r = await runTiltfileOnHost({
    file: opts.file,
    args,
    subcommand: 'alpha tiltfile-result',
    ...(opts.context === undefined ? {} : { kubeContext: opts.context }),
    cwd: process.cwd(),
    env,
    argv: process.argv.slice(1),
    executable: process.argv[1] ?? process.execPath,
    logWrite,
    recordBuiltinCalls: opts.builtinTimings === true,
  });
  if (r.error !== undefined) {
    process.stderr.write(deferred.join(''));
    process.stderr.write(`${formatError(r.error)}\n`);
    return TILTFILE_ERR_EXIT_CODE;
  }
  logWrite(`Successfully loaded Tiltfile (${formatGoDurationPrecise(r.durationMs)})\n`);
  if (opts.builtinTimings === true) return printTimings(r, opts.durThreshold);
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

function printTimings(r: TiltfileResult, threshold: string | undefined): number {
  const calls = r.builtinCalls ?? [];
  if (calls.length === 0) {
    process.stderr.write('Error: executed Tiltfile, but recorded no Builtin calls\n');
    return 1;
  }
  let min = 0;
  try {
    min = threshold === undefined ? 0 : parseGoDuration(threshold);
  } catch (e) {
    process.stderr.write(
      `Error: invalid argument ${JSON.stringify(threshold)} for "--dur-threshold" flag: ${(e as Error).message}\n`,
    );
    return 1;
  }
  for (const c of calls) {
    if (c.durationMs < min) continue;
    // Tilt prints the args tuple without its one-element trailing comma.
    process.stdout.write(
      `- ${c.name}${c.args.replace(/,\)$/, ')')} took ${formatGoDurationPrecise(c.durationMs)}\n`,
    );
  }
  process.stdout.write(`Tiltfile execution took ${formatGoDurationPrecise(r.durationMs)}\n`);
  return 0;
}
