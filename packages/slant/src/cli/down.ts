// `slant down`: deletes what `slant up` deployed — every Kubernetes object of the Tiltfile's
// resources, in reverse apply order (namespaces only with --delete-namespaces), custom deploys
// through their delete commands, Compose projects through `docker compose down` — and nothing
// else, as `tilt down` does.
import type { Command } from 'commander';
import { formatError, runDown } from '../index.ts';
import { commonEnv, type SessionFlags } from './session-flags.ts';

export function registerDownCommand(program: Command): void {
  program
    .command('down')
    .description('Delete resources created by "slant up"')
    .option('-f, --file <file>', 'Path to Tiltfile', 'Tiltfile')
    .option('--context <context>', 'Kubernetes context override. Equivalent to kubectl --context')
    .option(
      '--namespace <namespace>',
      'Default namespace for Kubernetes resources (overrides default namespace from active context)',
    )
    .option('--delete-namespaces', 'Also delete namespaces defined in the Tiltfile', false)
    .option(
      '--delete-volumes',
      "delete docker volumes defined in the Tiltfile (by default, don't)",
      false,
    )
    .argument('[args...]', 'Tiltfile args')
    .action(
      async (
        args: string[],
        opts: SessionFlags & { deleteNamespaces: boolean; deleteVolumes: boolean },
      ) => {
        try {
          process.exitCode = await runDown({
            ...commonEnv({ ...opts, host: 'localhost', port: '0' }),
            args,
            deleteNamespaces: opts.deleteNamespaces,
            deleteVolumes: opts.deleteVolumes,
            write: (text: string) => process.stdout.write(text),
          });
        } catch (err) {
          process.stderr.write(`${formatError(err)}\n`);
          process.exitCode = 1;
        }
      },
    );
}
