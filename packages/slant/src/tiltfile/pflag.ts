// The subset of spf13/pflag that Tilt's config.parse() uses: long flags only, interspersed
// positional args, `--` terminator, NoOptDefVal for bools, and pflag's error and usage texts.

export interface FlagValue {
  /** pflag Value.Type(): 'string', 'bool', 'list[string]', 'object'. */
  readonly type: string;
  /** Value.Set; throws Error with the cause text. */
  set(v: string): void;
}

export interface FlagDef {
  readonly name: string;
  readonly usage: string;
  readonly value: FlagValue;
}

export class FlagError extends Error {
  override name = 'FlagError';
}

/** Parses args; returns the positional args. Throws FlagError with pflag's message. */
export function parseFlags(defs: readonly FlagDef[], args: readonly string[]): string[] {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const positional: string[] = [];
  let i = 0;
  while (i < args.length) {
    const s = args[i++]!;
    if (s.length < 2 || s[0] !== '-') {
      positional.push(s);
      continue;
    }
    if (s === '--') {
      positional.push(...args.slice(i));
      break;
    }
    if (s[1] !== '-') {
      const c = s[1]!;
      if (c === 'h') throw new FlagError('pflag: help requested');
      throw new FlagError(`unknown shorthand flag: '${c}' in ${s}`);
    }
    const body = s.slice(2);
    if (body === '' || body[0] === '-' || body[0] === '=') {
      throw new FlagError(`bad flag syntax: ${s}`);
    }
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const def = byName.get(name);
    if (def === undefined) {
      if (name === 'help') throw new FlagError('pflag: help requested');
      throw new FlagError(`unknown flag: --${name}`);
    }
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (def.value.type === 'bool') value = 'true';
    else if (i < args.length) value = args[i++]!;
    else throw new FlagError(`flag needs an argument: --${name}`);
    try {
      def.value.set(value);
    } catch (e) {
      const cause = e instanceof Error ? e.message : String(e);
      throw new FlagError(
        `invalid argument ${JSON.stringify(value)} for ${JSON.stringify(`--${name}`)} flag: ${cause}`,
      );
    }
  }
  return positional;
}

/** pflag's FlagUsagesWrapped(cols): one line per flag, sorted by name. */
export function flagUsages(defs: readonly FlagDef[], cols = 80): string {
  const lines = [...defs]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((d) => {
      const [varname, usage] = unquoteUsage(d);
      return { head: `      --${d.name}${varname === '' ? '' : ` ${varname}`}`, usage };
    });
  const maxlen = Math.max(0, ...lines.map((l) => l.head.length + 1));
  return lines
    .map(
      (l) => `${l.head} ${' '.repeat(maxlen - l.head.length)} ${wrap(maxlen + 2, cols, l.usage)}\n`,
    )
    .join('');
}

function unquoteUsage(d: FlagDef): [string, string] {
  const u = d.usage;
  const i = u.indexOf('`');
  if (i >= 0) {
    const j = u.indexOf('`', i + 1);
    if (j >= 0) {
      const name = u.slice(i + 1, j);
      return [name, u.slice(0, i) + name + u.slice(j + 1)];
    }
  }
  return [d.value.type === 'bool' ? '' : d.value.type, u];
}

function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap: usage text wrapped to w columns, continuation lines indented by i. */
function wrap(i: number, w: number, s: string): string {
  if (w === 0) return s.replaceAll('\n', `\n${' '.repeat(i)}`);
  let width = w - i;
  let r = '';
  if (width < 24) {
    i = 16;
    width = w - i;
    r += `\n${' '.repeat(i)}`;
  }
  if (width < 24) return s.replaceAll('\n', r);
  const slop = 5;
  width -= slop;
  const indent = ' '.repeat(i);
  let [l, rest] = wrapN(width, slop, s);
  r += l.replaceAll('\n', `\n${indent}`);
  while (rest !== '') {
    [l, rest] = wrapN(width, slop, rest);
    r += `\n${indent}${l.replaceAll('\n', `\n${indent}`)}`;
  }
  return r;
}
