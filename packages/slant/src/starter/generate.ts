// `slant up` where there is no Tiltfile, on a terminal: offers to write the starter Tiltfile, as
// `tilt up` does. Yes writes it and starts; no starts anyway (the Tiltfile error shows until one
// exists); Ctrl-D or Ctrl-C quits. Without a terminal nothing is asked.
import { createInterface } from 'node:readline';
import { STARTER_TILTFILE } from './starter-text.ts';

export type StarterResult = 'non-interactive' | 'exists' | 'created' | 'declined' | 'exit';

export interface StarterDeps {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Whether both input and output are a terminal. */
  readonly interactive: boolean;
  /** What is at the path. */
  readonly stat: (path: string) => 'file' | 'directory' | 'none';
  readonly writeFile: (path: string, text: string) => void;
  readonly yellow: (text: string) => string;
}

const RULE = '───────────────────────────────────────────────────────────';

export async function maybeGenerateTiltfile(
  path: string,
  deps: StarterDeps,
): Promise<StarterResult> {
  if (!deps.interactive) return 'non-interactive';
  const what = deps.stat(path);
  if (what === 'directory') {
    throw new Error(`could not open Tiltfile at ${path}: target is a directory`);
  }
  if (what === 'file') return 'exists';
  const out = deps.output;
  out.write(deps.yellow(`\n${RULE}\n ⚠️  No Tiltfile exists at ${path}\n${RULE}\n`));
  out.write(
    '\nSlant can write a starter Tiltfile here: a greeting, and commented examples of image\nbuilds, Kubernetes YAML, local commands and Docker Compose to adapt.\n\n',
  );
  const answer = await ask(deps.input, out, '✨ Create a starter Tiltfile? (y/n) ');
  if (answer === undefined) {
    out.write('\n');
    return 'exit';
  }
  if (answer === 'n') {
    out.write('Starting Slant...\n\n');
    return 'declined';
  }
  deps.writeFile(path, STARTER_TILTFILE);
  out.write(`\n${RULE}\n 🎉  Tiltfile generated at ${path}\n${RULE}\n\n`);
  return 'created';
}

/** Asks until an answer starts with y or n; undefined when the input ends or Ctrl-C is pressed. */
function ask(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  prompt: string,
): Promise<'y' | 'n' | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output, prompt });
    let answered = false;
    const finish = (a: 'y' | 'n' | undefined) => {
      answered = true;
      rl.close();
      resolve(a);
    };
    rl.on('line', (line) => {
      const a = line.trim().toLowerCase();
      if (a.startsWith('y')) finish('y');
      else if (a.startsWith('n')) finish('n');
      else rl.prompt();
    });
    rl.on('SIGINT', () => finish(undefined));
    rl.on('close', () => {
      if (!answered) resolve(undefined);
    });
    rl.prompt();
  });
}
