// POSIX-shell quoting of an args line (the `slant args` editor shows and reads one), with the
// rules of the shellquote package Tilt uses: single quotes, double quotes with backslash escapes,
// bare backslash escapes.
import { UserError } from '../errors.ts';

export function shellJoin(args: readonly string[]): string {
  return args
    .map((a) => (a !== '' && /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

export function shellSplit(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (has) out.push(cur);
      cur = '';
      has = false;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new UserError('bad-args', 'Unterminated single-quoted string');
      cur += line.slice(i + 1, end);
      has = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new UserError('bad-args', 'Unterminated double-quoted string');
        const d = line[i]!;
        if (d === '"') break;
        if (d === '\\' && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1]!)) {
          cur += line[i + 1];
          i += 2;
        } else {
          cur += d;
          i++;
        }
      }
      has = true;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new UserError('bad-args', 'Unterminated backslash-escape');
      cur += line[i + 1];
      has = true;
      i += 2;
    } else {
      cur += c;
      has = true;
      i++;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** Tilt's parseEditResult: exactly one non-comment line, split as a shell would. */
export function parseEditResult(text: string): string[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length > 1) throw new UserError('bad-args', 'cannot have multiple non-comment lines');
  if (lines.length === 0) {
    throw new UserError(
      'bad-args',
      'must have exactly one non-comment line, found zero. If you want to clear the args, use `slant args --clear`',
    );
  }
  return shellSplit(lines[0]!);
}
