// `slant analytics` and `slant analytics opt CHOICE`: Tilt's analytics commands. Slant collects
// and sends no analytics, so there is no status to show and no choice to store; the commands
// exist so scripts written for Tilt (`tilt analytics opt out`) keep working.
import type { Command } from 'commander';

const NONE = 'Slant collects and sends no analytics';
const CHOICES = 'choice can be one of {opt-in, opt-out}\n';

/** Tilt's accepted spellings: the choice itself, or without its `opt-`. */
function parseChoice(text: string): string | undefined {
  for (const choice of ['default', 'opt-out', 'opt-in']) {
    if (text === choice || `opt-${text}` === choice) return choice;
  }
  return undefined;
}

export function registerAnalyticsCommand(program: Command): void {
  const analytics = program
    .command('analytics')
    .description('info and status about analytics (Slant collects none)')
    .action(() => {
      process.stdout.write(`${NONE}.\n`);
    });
  analytics
    .command('opt')
    .usage('<choice>')
    .description('opt-in or -out to analytics collection/upload (Slant collects none)')
    .argument('[choice]', 'in, out, opt-in, opt-out or default')
    .action((text: string | undefined) => {
      if (text === undefined) {
        process.stdout.write(CHOICES);
        process.stderr.write(
          'no choice given; pass it as first arg: slant analytics opt <choice>\n',
        );
        process.exitCode = 1;
        return;
      }
      const choice = parseChoice(text);
      if (choice === undefined) {
        process.stdout.write(CHOICES);
        process.stderr.write(`unknown analytics opt: ${JSON.stringify(text)}\n`);
        process.exitCode = 1;
        return;
      }
      // Tilt says on stderr where it wrote the choice; Slant has nothing to write.
      process.stderr.write(`${NONE}: nothing to change for ${JSON.stringify(choice)}\n`);
    });
}
