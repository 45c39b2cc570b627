// `slant doctor`: what Slant sees of this machine (versions, Docker, Kubernetes), for bug reports.
import type { Command } from 'commander';
import { runDoctor } from '../index.ts';
import { clientAction, out } from './client-flags.ts';
import { processEnv } from './process-env.ts';

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('Print diagnostic information about the Slant environment, for filing bug reports')
    .option('--context <context>', 'Kubernetes context override. Equivalent to kubectl --context')
    .option(
      '--namespace <namespace>',
      'Default namespace for Kubernetes resources (overrides default namespace from active context)',
    )
    .addHelpText('after', '\nExamples:\n  slant doctor')
    .action(
      clientAction(async (flags: { context?: string; namespace?: string }) => {
        const env = processEnv();
        await runDoctor({
          env,
          ...(flags.context === undefined ? {} : { kubeContext: flags.context }),
          ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
          write: out,
        });
      }),
    );
}
