// What the client commands share: Tilt's flags for finding the server (--port, --host, with
// TILT_PORT / TILT_HOST), the client built from the client config, and error printing with
// kubectl's exit code (1).
import type { Command } from 'commander';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, ApiError, endpointOnHost, formatError, readApiEndpoint } from '../index.ts';
import { parsePort } from './session-flags.ts';

export interface ConnectFlags {
  port: string;
  host: string;
}

export function addConnectServerFlags(command: Command): Command {
  return command
    .option(
      '--port <port>',
      'Port for the Slant HTTP server. Only necessary if you started Slant with --port. Overrides TILT_PORT env variable.',
      process.env.TILT_PORT ?? '10350',
    )
    .option(
      '--host <host>',
      'Host for the Slant HTTP server. Only necessary if you started Slant with --host. Overrides TILT_HOST env variable.',
      process.env.TILT_HOST ?? 'localhost',
    );
}

/** The client of the session on --port, from `$SLANT_HOME/config` (default ~/.slant-dev). */
export function connect(flags: ConnectFlags): ApiClient {
  const home = process.env.SLANT_HOME ?? join(homedir(), '.slant-dev');
  const port = parsePort(flags.port);
  return new ApiClient(() => endpointOnHost(readApiEndpoint(home, port), flags.host));
}

export const out = (text: string): void => {
  process.stdout.write(text);
};
export const err = (text: string): void => {
  process.stderr.write(text);
};

/** Runs a command body: its number is the exit code; a thrown error prints and exits 1. */
export function clientAction<A extends unknown[]>(
  body: (...args: A) => Promise<unknown>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await body(...args);
      process.exitCode = typeof code === 'number' ? code : 0;
    } catch (e) {
      // Server errors print as kubectl prints them: `Error from server (Reason): message`.
      process.stderr.write(`${e instanceof ApiError ? e.message : formatError(e)}\n`);
      process.exitCode = 1;
    }
  };
}

/** Commander collector for repeatable / comma-separated flags (cobra's StringSlice). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter((v) => v !== '')];
}
