// str.format: {} {0} {name} {!s} {!r} and {{ }}; no format specs (starlark-go string_format).
import { StarlarkError } from '../errors.ts';
import type { Value } from '../values/object.ts';
import { quote } from '../values/quote.ts';
import { writeValue } from '../values/repr.ts';
import type { Kwargs } from '../values/thread.ts';

export function formatString(
  format: string,
  args: readonly Value[],
  kwargs: Kwargs | null,
): string {
  const out: string[] = [];
  let auto = false;
  let manual = false;
  let index = 0;
  for (;;) {
    const i = format.indexOf('{');
    let literal = i >= 0 ? format.slice(0, i) : format;
    for (;;) {
      const j = literal.indexOf('}');
      if (j < 0) {
        out.push(literal);
        break;
      }
      if (literal.length === j + 1 || literal[j + 1] !== '}') {
        throw new StarlarkError("format: single '}' in format");
      }
      out.push(literal.slice(0, j + 1));
      literal = literal.slice(j + 2);
    }
    if (i < 0) break;
    if (format[i + 1] === '{') {
      out.push('{');
      format = format.slice(i + 2);
      continue;
    }
    format = format.slice(i + 1);
    const close = format.indexOf('}');
    if (close < 0) throw new StarlarkError("format: unmatched '{' in format");
    let field = format.slice(0, close);
    format = format.slice(close + 1);
    let conv = 's';
    let spec = '';
    let name: string;
    const bang = field.indexOf('!');
    if (bang < 0) {
      const colon = field.indexOf(':');
      if (colon < 0) name = field;
      else {
        name = field.slice(0, colon);
        spec = field.slice(colon + 1);
      }
    } else {
      name = field.slice(0, bang);
      field = field.slice(bang + 1);
      const colon = field.indexOf(':');
      if (colon < 0) conv = field;
      else {
        conv = field.slice(0, colon);
        spec = field.slice(colon + 1);
      }
    }
    let arg: Value | undefined;
    if (name === '') {
      if (manual) {
        throw new StarlarkError(
          'format: cannot switch from manual field specification to automatic field numbering',
        );
      }
      auto = true;
      if (index >= args.length) throw new StarlarkError('format: tuple index out of range');
      arg = args[index++];
    } else if (/^[0-9]+$/.test(name)) {
      if (auto) {
        throw new StarlarkError(
          'format: cannot switch from automatic field numbering to manual field specification',
        );
      }
      manual = true;
      const num = Number(name);
      if (num >= args.length) throw new StarlarkError('format: tuple index out of range');
      arg = args[num];
    } else {
      if (kwargs !== null) {
        for (const [k, v] of kwargs) {
          if (k === name) {
            arg = v;
            break;
          }
        }
      }
      if (arg === undefined) {
        if (name.includes('.')) {
          throw new StarlarkError(
            `format: attribute syntax x.y is not supported in replacement fields: ${name}`,
          );
        }
        if (name.includes('[')) {
          throw new StarlarkError(
            `format: element syntax a[i] is not supported in replacement fields: ${name}`,
          );
        }
        if (name.includes('{'))
          throw new StarlarkError('format: nested replacement fields not supported');
        throw new StarlarkError(`format: keyword ${name} not found`);
      }
    }
    if (spec !== '') {
      throw new StarlarkError(`format spec features not supported in replacement fields: ${spec}`);
    }
    if (conv === 's') {
      if (typeof arg === 'string') out.push(arg);
      else writeValue(out, arg!, []);
    } else if (conv === 'r') writeValue(out, arg!, []);
    else throw new StarlarkError(`format: unknown conversion ${quote(conv, false)}`);
  }
  return out.join('');
}
