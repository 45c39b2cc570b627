// `slant logs [resource...]`: the running session's logs, filtered as Tilt's `tilt logs`.
import type { Command } from 'commander';
import { parseGoDuration, parseLogLevel, parseLogSource, streamLogs, UserError } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  connect,
  out,
} from './client-flags.ts';

interface LogsFlags extends ConnectFlags {
  follow: boolean;
  level: string;
  source: string;
  since: string;
  tail: string;
  json: boolean;
}

export function registerLogsCommand(program: Command): void {
  addConnectServerFlags(program.command('logs'))
    .usage('[resource1, resource2...]')
    .description(
      'Get logs from a running Slant instance (optionally filtered for the specified resources)',
    )
    .option(
      '-f, --follow',
      'If true, stream the requested logs; otherwise, print the requested logs at the current moment in time, then exit.',
      false,
    )
    .option('--level <level>', 'Specify a log level. One of "warn", "error"', '')
    .option('--source <source>', 'Specify a log source. One of "all", "build", "runtime"', 'all')
    .option('--since <duration>', 'Only show logs since duration ago (e.g., "5m", "1h", "30s")', '')
    .option('--tail <n>', 'Number of lines to show from the end of logs (-1 for all)', '-1')
    .option('--json', 'Output logs in JSON Lines format', false)
    .argument('[resources...]')
    .addHelpText(
      'after',
      `
By default, looks for a running Slant instance on localhost:10350
(this is configurable with the --port and --host flags).

Examples:
  # Follow the logs of two resources
  slant logs -f frontend backend

  # The last 20 warnings of the last 5 minutes, as JSON Lines
  slant logs --level warn --since 5m --tail 20 --json`,
    )
    .action(
      clientAction(async (resources: string[], flags: LogsFlags) => {
        const tail = Number(flags.tail);
        if (!Number.isInteger(tail)) {
          throw new UserError(
            'bad-flag',
            `invalid argument "${flags.tail}" for "--tail" flag: strconv.ParseInt: parsing "${flags.tail}": invalid syntax`,
          );
        }
        const since =
          flags.since === '' ? undefined : new Date(Date.now() - parseGoDuration(flags.since));
        const level = parseLogLevel(flags.level);
        const abort = new AbortController();
        process.once('SIGINT', () => abort.abort());
        await streamLogs(connect(flags), {
          filter: {
            resources,
            source: parseLogSource(flags.source),
            ...(level === undefined ? {} : { level }),
            ...(since === undefined ? {} : { since }),
          },
          tail,
          json: flags.json,
          follow: flags.follow,
          signal: abort.signal,
          write: out,
        });
      }),
    );
}
