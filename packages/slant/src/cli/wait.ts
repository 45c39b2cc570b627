// `slant wait --for=condition=Ready uiresource/NAME`: kubectl's wait.
import type { Command } from 'commander';
import { parseWaitFor, runWait } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  out,
} from './client-flags.ts';

interface WaitFlags extends ConnectFlags {
  for?: string;
  timeout: string;
  selector: string;
  all: boolean;
}

export function registerWaitCommand(program: Command): void {
  addConnectServerFlags(program.command('wait'))
    .usage('(TYPE/NAME | TYPE [(-l label | --all)]) [--for=delete|--for condition=available]')
    .description('Experimental: Wait for a specific condition on one or many resources')
    .option(
      '--for <condition>',
      "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]].",
    )
    .option(
      '--timeout <duration>',
      "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.",
      '30s',
    )
    .option('-l, --selector <selector>', 'Selector (label query) to filter on', '')
    .option('--all', 'Select all resources in the namespace of the specified resource types', false)
    .argument('[args...]')
    .addHelpText(
      'after',
      `
Examples:
  # Wait for the Tiltfile to load.
  slant wait --for=condition=Ready "uiresource/(Tiltfile)"

  # When used with a Kubernetes resource, waits for the pod
  # to deploy, start running, and pass all readiness probes.
  slant wait --for=condition=Ready "uiresource/my-kubernetes-deployment"

  # Wait until a resource's last update succeeded
  slant wait --for=jsonpath='{.status.updateStatus}'=ok uiresource/my-resource`,
    )
    .action(
      clientAction(async (args: string[], flags: WaitFlags) => {
        await runWait(connect(flags), args, {
          for: parseWaitFor(flags.for),
          timeout: flags.timeout,
          selector: flags.selector,
          all: flags.all,
          write: out,
        });
      }),
    );
}
