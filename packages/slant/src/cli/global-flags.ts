// Tilt's global flags, on every command: -d/--debug, -v/--verbose and --klog. The program uses
// positional options (a subcommand owns the options after its name), so each command gets its
// own copy, as cobra's persistent flags give every Tilt command. A command that defines one of
// them itself (`alpha tiltfile-result -v`, `docker-prune -d`) keeps its own.
import type { Command } from 'commander';

export interface GlobalFlags {
  debug?: boolean;
  verbose?: boolean;
  klog?: string;
}

function has(cmd: Command, flag: string): boolean {
  return cmd.options.some((o) => o.short === flag || o.long === flag);
}

export function addGlobalFlags(cmd: Command): void {
  for (const sub of cmd.commands) addGlobalFlags(sub);
  if (!has(cmd, '-d') && !has(cmd, '--debug')) cmd.option('-d, --debug', 'Enable debug logging');
  if (!has(cmd, '-v') && !has(cmd, '--verbose')) {
    cmd.option('-v, --verbose', 'Enable verbose logging');
  }
  if (!has(cmd, '--klog')) {
    cmd.option(
      '--klog <level>',
      'Enable Kubernetes API logging. Uses klog v-levels (0-4 are debug logs, 5-9 are tracing logs)',
    );
  }
}

/** Tilt's logger level from the flags of a command and of the program before it. */
export function logLevelOf(cmd: Command): 'info' | 'verbose' | 'debug' {
  const flags = cmd.optsWithGlobals<GlobalFlags>();
  return flags.debug === true ? 'debug' : flags.verbose === true ? 'verbose' : 'info';
}
