// The terminal flags of `up` and `ci`: Tilt's `--legacy` / `--stream` mode choice and the
// `--log-level / --log-source / --log-resource` filters of stream mode.
import type { Command } from 'commander';
import type { TerminalSettings } from '../index.ts';
import { parseLogLevel, parseLogSource } from '../index.ts';
import { collect } from './client-flags.ts';

export interface TerminalFlags {
  legacy?: boolean;
  stream?: boolean;
  logLevel: string;
  logSource: string;
  logResource?: string[];
}

export function terminalOptions(command: Command): Command {
  return command
    .option('--log-level <level>', 'Specify a log level. One of "warn", "error"', '')
    .option(
      '--log-source <source>',
      'Specify a log source. One of "all", "build", "runtime"',
      'all',
    )
    .option(
      '--log-resource <resources>',
      'Specify one or more resources to print logs for, e.g. "(Tiltfile)", "nginx", etc. If not specified, prints all resources.',
      collect,
    );
}

/** Tilt's initialTermMode: stream without a terminal, else --legacy, --stream, or the prompt. */
export function terminalSettings(
  flags: TerminalFlags,
  ci: boolean,
  onExit: () => void = () => {},
): TerminalSettings {
  const tty = process.stdout.isTTY === true && process.stdin.isTTY === true;
  let mode: TerminalSettings['mode'] = 'prompt';
  if (ci || !tty || flags.stream === true) mode = 'stream';
  else if (flags.legacy === true) mode = 'hud';
  const level = parseLogLevel(flags.logLevel);
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const forceColor = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  return {
    mode,
    filter: {
      resources: flags.logResource ?? [],
      source: parseLogSource(flags.logSource),
      ...(level === undefined ? {} : { level }),
    },
    color: forceColor || (process.stdout.isTTY === true && !noColor),
    ...(mode === 'stream' ? {} : { input: process.stdin }),
    onExit,
  };
}
