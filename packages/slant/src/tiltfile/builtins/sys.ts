// sys.argv, sys.executable (Tilt's tiltfile/sys) and shlex.quote / shlex.split.
import type { Value } from '@slant/starlark';
import { conv, List, StarlarkError, unpackArgs } from '@slant/starlark';
import type { TiltDefinition } from '../registry.ts';
import { hostString, starString } from '../run.ts';

/** shellescape.Quote: single-quote unless every byte is safe; '' for the empty string. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/[^\w@%+=:,./-]/.test(s)) return `'${s.replaceAll("'", `'"'"'`)}'`;
  return s;
}

/** Python's shlex.split(s) in POSIX mode (no comments): quotes and backslashes as sh reads them. */
export function shellSplit(s: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let i = 0;
  const add = (c: string) => {
    word = (word ?? '') + c;
  };
  while (i < s.length) {
    const c = s[i++]!;
    if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (c === '\\') {
      if (i >= s.length) throw new StarlarkError('No escaped character');
      add(s[i++]!);
    } else if (c === "'") {
      const end = s.indexOf("'", i);
      if (end < 0) throw new StarlarkError('No closing quotation');
      add(s.slice(i, end));
      i = end + 1;
    } else if (c === '"') {
      add('');
      for (;;) {
        if (i >= s.length) throw new StarlarkError('No closing quotation');
        const d = s[i++]!;
        if (d === '"') break;
        if (d === '\\' && i < s.length && '\\"$`\n'.includes(s[i]!)) add(s[i++]!);
        else add(d);
      }
    } else add(c);
  }
  if (word !== undefined) out.push(word);
  return out;
}

export const sysBuiltins: readonly TiltDefinition[] = [
  {
    name: 'sys.argv',
    value: (run) => {
      const l = new List(run.host.argv.map(starString));
      l.freeze();
      return l;
    },
  },
  { name: 'sys.executable', value: (run) => starString(run.host.executable) },
  {
    name: 'shlex.quote',
    fn: (_run, _thread, args, kwargs) => {
      const [s] = unpackArgs('shlex.quote', args, kwargs, ['name', conv.string]);
      return starString(shellQuote(hostString(s!)));
    },
  },
  {
    name: 'shlex.split',
    fn: (_run, _thread, args, kwargs) => {
      const [s] = unpackArgs('shlex.split', args, kwargs, ['s', conv.string]);
      const words: Value[] = shellSplit(hostString(s!)).map(starString);
      return new List(words);
    },
  },
];
