// `slant get TYPE [NAME | -l label]`: kubectl's get against the running session.
import type { Command } from 'commander';
import { parseOutputFormat, runGet } from '../index.ts';
import {
  addConnectServerFlags,
  type ConnectFlags,
  clientAction,
  collect,
  connect,
  err,
  out,
} from './client-flags.ts';

interface GetFlags extends ConnectFlags {
  output?: string;
  watch: boolean;
  watchOnly: boolean;
  selector: string;
  ignoreNotFound: boolean;
  headers: boolean;
  showKind: boolean;
  showLabels: boolean;
  labelColumns: string[];
  sortBy?: string;
  fieldSelector: string;
}

export function registerGetCommand(program: Command): void {
  addConnectServerFlags(program.command('get'))
    .usage('TYPE [NAME | -l label]')
    .description('Display one or many resources')
    .option(
      '-o, --output <format>',
      'Output format. One of: json|yaml|name|wide|jsonpath=TEMPLATE|custom-columns=HEADER:PATH,….',
    )
    .option('-w, --watch', 'After listing/getting the requested object, watch for changes.', false)
    .option(
      '--watch-only',
      'Watch for changes to the requested object(s), without listing/getting first.',
      false,
    )
    .option(
      '-l, --selector <selector>',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)",
      '',
    )
    .option(
      '--ignore-not-found',
      'If the requested object does not exist the command will return exit code 0.',
      false,
    )
    .option('--no-headers', "When using the default output format, don't print headers.")
    .option('--show-kind', 'If present, list the resource type for the requested object(s).', false)
    .option(
      '--show-labels',
      'When printing, show all labels as the last column (default hide labels column)',
      false,
    )
    .option(
      '-L, --label-columns <labels>',
      'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...',
      collect,
      [],
    )
    .option(
      '--field-selector <selector>',
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
      '',
    )
    .option(
      '--sort-by <jsonpath>',
      "If non-empty, sort list types using this field specification. The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}').",
    )
    .argument('[args...]')
    .addHelpText(
      'after',
      `
Examples:
  # List all resources and their creation times
  slant get uiresources

  # One resource's full status, as YAML
  slant get uiresource/frontend -o yaml

  # Every local command, and keep printing changes
  slant get cmds -w

  # Each resource's name and update status
  slant get uiresources -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.updateStatus}{"\\n"}{end}'`,
    )
    .action(
      clientAction(async (args: string[], flags: GetFlags) =>
        runGet(connect(flags), args, {
          output: parseOutputFormat(flags.output),
          selector: flags.selector,
          watch: flags.watch,
          watchOnly: flags.watchOnly,
          ignoreNotFound: flags.ignoreNotFound,
          table: {
            noHeaders: !flags.headers,
            showKind: flags.showKind,
            showLabels: flags.showLabels,
            labelColumns: flags.labelColumns,
          },
          ...(flags.fieldSelector === '' ? {} : { fieldSelector: flags.fieldSelector }),
          ...(flags.sortBy === undefined || flags.sortBy === '' ? {} : { sortBy: flags.sortBy }),
          write: out,
          writeErr: err,
        }),
      ),
    );
}
