// sys.argv, sys.executable (Tilt's tiltfile/sys) and shlex.quote (Tilt's shlex module has no split).
import { conv, List, unpackArgs } from '@slant/starlark';
import type { TiltDefinition } from '../registry.ts';
import { hostString, starString } from '../run.ts';

/** shellescape.Quote: single-quote unless every byte is safe; '' for the empty string. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/[^\w@%+=:,./-]/.test(s)) return `'${s.replaceAll("'", `'"'"'`)}'`;
  return s;
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
];
