// `slant alpha shell RESOURCE [-c CONTAINER]`: a shell in the resource's pod, like
// `tilt alpha shell`. Tilt replaces its own process with kubectl; Node can't, so kubectl runs as
// a child with the terminal attached and its exit code becomes Slant's.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Command } from 'commander';
import { runShell, type ShellExecer } from '../index.ts';
import { alphaCommand } from './alpha-tiltfile-result.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  err,
} from './client-flags.ts';

interface ShellFlags extends ConnectFlags {
  container?: string;
}

/** Go's exec.LookPath: the first executable regular file of that name on PATH. */
function lookPath(file: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir === '' ? '.' : dir, file);
    try {
      if (!statSync(path).isFile()) continue;
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here: try the next directory.
    }
  }
  return undefined;
}

function childEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

const nodeExecer: ShellExecer = {
  lookPath,
  succeeds: (binary, argv, env) =>
    new Promise((resolve) => {
      const child = spawn(binary, argv.slice(1), {
        argv0: argv[0] ?? binary,
        env: childEnv(env),
        stdio: 'ignore',
      });
      child.on('error', () => resolve(false));
      child.on('close', (code) => resolve(code === 0));
    }),
  run: (binary, argv, env) =>
    new Promise((resolve, reject) => {
      const child = spawn(binary, argv.slice(1), {
        argv0: argv[0] ?? binary,
        env: childEnv(env),
        stdio: 'inherit',
      });
      // Ctrl-C reaches kubectl from the terminal itself; Slant stays to report its exit code.
      // A signal sent to Slant alone is passed on.
      const ignore = () => {};
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on('SIGINT', ignore);
      process.on('SIGTERM', forward);
      process.on('SIGHUP', forward);
      const done = () => {
        process.off('SIGINT', ignore);
        process.off('SIGTERM', forward);
        process.off('SIGHUP', forward);
      };
      child.on('error', (e) => {
        done();
        reject(e);
      });
      child.on('close', (code, signal) => {
        done();
        resolve(code ?? 128 + (signal === null ? 0 : signalNumber(signal)));
      });
    }),
};

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGKILL: 9,
    SIGTERM: 15,
  };
  return numbers[signal] ?? 0;
}

export function registerAlphaShellCommand(program: Command): void {
  addConnectServerFlags(alphaCommand(program).command('shell'))
    .usage('[<resource-name>]')
    .description('Opens a shell into a container running in Slant')
    .argument('<resource>')
    .option(
      '-c, --container <container>',
      'Name of the container within the pod. Only required if there is more than 1 container.',
    )
    .addHelpText(
      'after',
      `
Finds the pod of a Kubernetes resource of the running session (the one port forwards would
use) and opens an interactive shell in it, trying in turn:
- kubectl shell (the kubectl-shell plugin, when it is on PATH)
- kubectl exec -it <pod> -- bash
- kubectl exec -it <pod> -- sh

kubectl runs with the session's kubeconfig. Works on Linux and macOS.

Examples:
  slant alpha shell frontend
  slant alpha shell api -c sidecar`,
    )
    .action(
      clientAction(async (resource: string, flags: ShellFlags) =>
        runShell(connect(flags), resource, {
          container: flags.container ?? '',
          execer: nodeExecer,
          writeErr: err,
        }),
      ),
    );
}
