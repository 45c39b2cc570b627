// Go's json.Indent over a binary string.
import { StarlarkError } from '../errors.ts';
import { decodeUtf8 } from '../values/utf8.ts';
import { quoteByte } from './json-decode.ts';

export function jsonIndent(src: string, prefix: string, indent: string): string {
  validate(src);
  const out: string[] = [];
  let needIndent = false;
  let depth = 0;
  let inString = false;
  const newline = (d: number) => {
    out.push('\n', prefix, indent.repeat(d));
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inString) {
      out.push(c);
      if (c === '\\') {
        out.push(src[++i] ?? '');
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (needIndent && c !== '}' && c !== ']') {
      needIndent = false;
      depth++;
      newline(depth);
    }
    switch (c) {
      case '"':
        inString = true;
        out.push(c);
        break;
      case '{':
      case '[':
        needIndent = true;
        out.push(c);
        break;
      case ',':
        out.push(c);
        newline(depth);
        break;
      case ':':
        out.push(': ');
        break;
      case '}':
      case ']':
        if (needIndent) needIndent = false;
        else {
          depth--;
          newline(depth);
        }
        out.push(c);
        break;
      default:
        out.push(c);
    }
  }
  return out.join('');
}

/** Rejects invalid JSON with a Go-style "invalid character" message. */
function validate(src: string): void {
  try {
    JSON.parse(decodeUtf8(src));
  } catch {
    const t = src.trimStart();
    const c = t.length > 0 ? t.charCodeAt(0) : -1;
    if (c < 0) throw new StarlarkError('unexpected end of JSON input');
    throw new StarlarkError(`invalid character ${quoteByte(c)} looking for beginning of value`);
  }
}
