// `slant completion bash|zsh|fish`: shell completion scripts generated from the command tree
// (subcommands, their flags, kinds for get/describe/…, and the running session's resource
// names for trigger/logs/enable/disable, asked of `slant get` when completing).
import type { Command } from 'commander';
import { KIND_PLURALS } from '@slant/api';

/** Commands whose arguments are resource names of the running session. */
const RESOURCE_ARGS = ['trigger', 'logs', 'enable', 'disable'];
/** Commands whose first argument is a kind. */
const KIND_ARGS = ['get', 'describe', 'delete', 'patch', 'wait', 'edit'];

interface Tree {
  readonly name: string;
  readonly flags: string[];
  readonly subcommands: string[];
}

export function commandTree(program: Command): Tree[] {
  return program.commands
    .filter((c) => c.name() !== 'help')
    .map((c) => ({
      name: c.name(),
      flags: c.options.flatMap((o) =>
        [o.long, o.short].filter((f): f is string => f !== undefined),
      ),
      subcommands: c.commands.map((s) => s.name()),
    }));
}

const KINDS = Object.values(KIND_PLURALS).join(' ');
const RESOURCES = `$(slant get uiresources -o name 2>/dev/null | sed 's|.*/||')`;

export function bashCompletion(tree: readonly Tree[]): string {
  const cases = tree.map((c) => {
    let words = [...c.subcommands, ...c.flags].join(' ');
    if (KIND_ARGS.includes(c.name)) words += ` ${KINDS}`;
    if (RESOURCE_ARGS.includes(c.name)) words += ` ${RESOURCES}`;
    return `    ${c.name}) words="${words}" ;;`;
  });
  return `# bash completion for slant; load with: source <(slant completion bash)
_slant() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" words=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${tree.map((c) => c.name).join(' ')}" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -F _slant slant
`;
}

export function zshCompletion(tree: readonly Tree[]): string {
  return `#compdef slant
# zsh completion for slant; load with: source <(slant completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(tree)}`;
}

export function fishCompletion(tree: readonly Tree[]): string {
  const lines = [
    '# fish completion for slant; load with: slant completion fish | source',
    `complete -c slant -f -n __fish_use_subcommand -a "${tree.map((c) => c.name).join(' ')}"`,
  ];
  for (const c of tree) {
    const cond = `-n "__fish_seen_subcommand_from ${c.name}"`;
    for (const f of c.flags) {
      lines.push(
        `complete -c slant ${cond} ${f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`}`,
      );
    }
    if (c.subcommands.length > 0)
      lines.push(`complete -c slant -f ${cond} -a "${c.subcommands.join(' ')}"`);
    if (KIND_ARGS.includes(c.name)) lines.push(`complete -c slant -f ${cond} -a "${KINDS}"`);
    if (RESOURCE_ARGS.includes(c.name)) {
      lines.push(
        `complete -c slant -f ${cond} -a "(slant get uiresources -o name 2>/dev/null | string replace -r '.*/' '')"`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function registerCompletionCommand(program: Command): void {
  program
    .command('completion')
    .usage('bash|zsh|fish')
    .description('Generate the autocompletion script for the specified shell')
    .argument('<shell>')
    .addHelpText(
      'after',
      `
Examples:
  # bash, for this shell
  source <(slant completion bash)

  # fish
  slant completion fish | source`,
    )
    .action((shell: string) => {
      const tree = commandTree(program);
      const scripts: Record<string, () => string> = {
        bash: () => bashCompletion(tree),
        zsh: () => zshCompletion(tree),
        fish: () => fishCompletion(tree),
      };
      const make = scripts[shell];
      if (make === undefined) {
        process.stderr.write(`unsupported shell "${shell}": use bash, zsh or fish\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(make());
    });
}
