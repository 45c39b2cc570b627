// The Starlark scanner: a hand-written port of starlark-go's scan.go semantics over a binary
// (latin1) source string. Positions count runes; a tab indents to the next multiple of 8;
// INDENT/OUTDENT come from an indentation stack; newlines inside brackets are skipped.
// Errors (and the parser's errors, which use this scanner's current position) are StaticErrors.

import type { Position } from '../errors.ts';
import { StaticError } from '../errors.ts';
import { QuoteError, unquote } from './quote.ts';
import { KEYWORDS, T, type Token } from './tokens.ts';
import { decodeRune, encodeRune, RUNE_ERROR } from './utf8.ts';

const LETTER = /^\p{L}$/u;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const MAX_INT64 = 0x7fffffffffffffffn;

function isIdentStart(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return LETTER.test(String.fromCodePoint(c));
}

function isIdent(c: number): boolean {
  return (c >= 48 && c <= 57) || isIdentStart(c);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Go's strconv.QuoteRune (the %q / %#q form of a rune in messages), as a binary string. */
export function quoteRune(c: number): string {
  const esc: Record<number, string> = {
    7: 'a',
    8: 'b',
    12: 'f',
    10: 'n',
    13: 'r',
    9: 't',
    11: 'v',
  };
  let body: string;
  if (c === 39 || c === 92) body = `\\${String.fromCharCode(c)}`;
  else if (c === 32 || (c > 32 && PRINTABLE.test(String.fromCodePoint(c)))) body = encodeRune(c);
  else if (esc[c] !== undefined) body = `\\${esc[c]}`;
  else if (c < 32 || c === 0x7f) body = `\\x${c.toString(16).padStart(2, '0')}`;
  else if (c < 0x10000) body = `\\u${c.toString(16).padStart(4, '0')}`;
  else body = `\\U${c.toString(16).padStart(8, '0')}`;
  return `'${body}'`;
}

/** Rewrites a literal's text as Go's scanner buffers it: CR/CRLF become LF, bad bytes U+FFFD. */
function normalizeRaw(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const b = s.charCodeAt(i);
    if (b < 0x80) {
      if (b === 13) {
        out += '\n';
        i += s.charCodeAt(i + 1) === 10 ? 2 : 1;
      } else {
        out += s[i];
        i++;
      }
      continue;
    }
    const d = decodeRune(s, i);
    const w = d & 7;
    out += w === 1 && d >> 3 === RUNE_ERROR ? encodeRune(RUNE_ERROR) : s.slice(i, i + w);
    i += w;
  }
  return out;
}

export class Scanner {
  readonly file: string;
  private readonly src: string;
  private i = 0;
  /** The current input position (Go's sc.pos): where the parser reports most errors. */
  line: number;
  col: number;
  private depth = 0;
  private readonly indentstk: number[] = [0];
  private dents = 0;
  private lineStart = true;
  private tokStart = 0;
  /** The last token's start position, raw text and decoded value (for literals). */
  pos: Position;
  raw = '';
  value: number | bigint | string = 0;

  constructor(file: string, src: string, firstLine = 1, firstCol = 1) {
    this.file = file;
    this.src = src;
    this.line = firstLine;
    this.col = firstCol;
    this.pos = { file, line: firstLine, col: firstCol };
  }

  here(): Position {
    return { file: this.file, line: this.line, col: this.col };
  }

  error(pos: Position, msg: string): never {
    throw new StaticError(pos, msg);
  }

  private peek(): number {
    const i = this.i;
    if (i >= this.src.length) return 0;
    const b = this.src.charCodeAt(i);
    if (b < 0x80) return b === 13 ? 10 : b;
    return decodeRune(this.src, i) >> 3;
  }

  private read(): number {
    const src = this.src;
    const i = this.i;
    if (i >= src.length) this.error(this.here(), 'internal scanner error: readRune at EOF');
    const b = src.charCodeAt(i);
    if (b < 0x80) {
      this.i = i + 1;
      if (b === 13) {
        if (src.charCodeAt(i + 1) === 10) this.i++;
        this.line++;
        this.col = 1;
        return 10;
      }
      if (b === 10) {
        this.line++;
        this.col = 1;
      } else {
        this.col++;
      }
      return b;
    }
    const d = decodeRune(src, i);
    this.i = i + (d & 7);
    this.col++;
    return d >> 3;
  }

  private startToken(): void {
    this.tokStart = this.i;
    this.raw = '';
    this.pos = this.here();
  }

  private endToken(): void {
    if (this.raw === '') this.raw = this.src.slice(this.tokStart, this.i);
  }

  /** Scans the next token, setting pos/raw/value. */
  next(): Token {
    for (;;) {
      let c = 0;
      let blank = false;
      const savedLineStart = this.lineStart;
      if (this.lineStart) {
        this.lineStart = false;
        let col = 0;
        for (;;) {
          c = this.peek();
          if (c === 32) {
            col++;
            this.read();
          } else if (c === 9) {
            col += 8 - ((this.col - 1) % 8);
            this.read();
          } else {
            break;
          }
        }
        if (c === 35 || c === 10 || c === 0) blank = true;
        if (!blank && this.depth === 0) {
          const stk = this.indentstk;
          const cur = stk[stk.length - 1] as number;
          if (col > cur) {
            this.dents++;
            stk.push(col);
          } else if (col < cur) {
            while (stk.length > 0 && col < (stk[stk.length - 1] as number)) {
              this.dents--;
              stk.pop();
            }
            if (col !== stk[stk.length - 1]) {
              this.error(this.here(), 'unindent does not match any outer indentation level');
            }
          }
        }
      }

      if (this.dents !== 0) {
        this.startToken();
        this.endToken();
        if (this.dents < 0) {
          this.dents++;
          return T.OUTDENT;
        }
        this.dents--;
        return T.INDENT;
      }

      c = this.peek();
      while (c === 32 || c === 9) {
        this.read();
        c = this.peek();
      }
      if (c === 35) {
        // A comment runs to the end of the line (the newline is not part of it).
        while (c !== 0 && c !== 10) {
          this.read();
          c = this.peek();
        }
      }

      if (c === 10) {
        this.lineStart = true;
        if (this.depth > 0 || blank) {
          this.read();
          continue;
        }
        this.startToken();
        this.read();
        this.raw = '\n';
        return T.NEWLINE;
      }

      if (c === 0) {
        // End of file: a NEWLINE if the last line lacked one, then OUTDENTs, then EOF.
        if (this.indentstk.length > 1) {
          if (savedLineStart) {
            this.dents = 1 - this.indentstk.length;
            this.indentstk.length = 1;
            continue;
          }
          this.lineStart = true;
          this.startToken();
          this.raw = '\n';
          return T.NEWLINE;
        }
        this.startToken();
        this.endToken();
        return T.EOF;
      }

      if (c === 92) {
        this.read();
        if (this.peek() !== 10) this.error(this.here(), 'stray backslash in program');
        this.read();
        continue;
      }

      this.startToken();
      return this.scanToken(c);
    }
  }

  private scanToken(first: number): Token {
    let c = first;
    if (c === 44) {
      this.read();
      this.endToken();
      return T.COMMA;
    }
    if (c === 34 || c === 39) return this.scanString(c);
    if (isIdentStart(c)) {
      const src = this.src;
      const i = this.i;
      const q1 = src.charCodeAt(i + 1);
      if ((c === 114 || c === 98) && (q1 === 34 || q1 === 39)) {
        this.read(); // r"..." or b"..."
        return this.scanString(q1);
      }
      const q2 = src.charCodeAt(i + 2);
      if (c === 114 && q1 === 98 && (q2 === 34 || q2 === 39)) {
        this.read(); // rb"..."
        this.read();
        return this.scanString(q2);
      }
      while (isIdent(c)) {
        this.read();
        c = this.peek();
      }
      this.endToken();
      return KEYWORDS.get(this.raw) ?? T.IDENT;
    }

    switch (c) {
      case 91:
      case 40:
      case 123:
        this.depth++;
        this.read();
        this.endToken();
        return c === 91 ? T.LBRACK : c === 40 ? T.LPAREN : T.LBRACE;
      case 93:
      case 41:
      case 125:
        if (this.depth === 0) this.error(this.here(), `unexpected ${quoteRune(c)}`);
        this.depth--;
        this.read();
        this.endToken();
        return c === 93 ? T.RBRACK : c === 41 ? T.RPAREN : T.RBRACE;
    }

    if (isDigit(c) || c === 46) return this.scanNumber(c);

    const tok = this.scanPunct(c);
    this.endToken();
    return tok;
  }

  private scanPunct(c: number): Token {
    const start = this.here();
    this.read();
    const n = this.peek();
    switch (c) {
      case 61: // =
        if (n === 61) return this.take(T.EQL);
        return T.EQ;
      case 33: // !
        if (n === 61) return this.take(T.NEQ);
        return this.error(start, "unexpected input character '!'");
      case 60: // <
        if (n === 61) return this.take(T.LE);
        if (n === 60) {
          this.read();
          return this.peek() === 61 ? this.take(T.LTLT_EQ) : T.LTLT;
        }
        return T.LT;
      case 62: // >
        if (n === 61) return this.take(T.GE);
        if (n === 62) {
          this.read();
          return this.peek() === 61 ? this.take(T.GTGT_EQ) : T.GTGT;
        }
        return T.GT;
      case 43:
        return n === 61 ? this.take(T.PLUS_EQ) : T.PLUS;
      case 45:
        return n === 61 ? this.take(T.MINUS_EQ) : T.MINUS;
      case 37:
        return n === 61 ? this.take(T.PERCENT_EQ) : T.PERCENT;
      case 38:
        return n === 61 ? this.take(T.AMP_EQ) : T.AMP;
      case 124:
        return n === 61 ? this.take(T.PIPE_EQ) : T.PIPE;
      case 94:
        return n === 61 ? this.take(T.CIRCUMFLEX_EQ) : T.CIRCUMFLEX;
      case 47: // /
        if (n === 61) return this.take(T.SLASH_EQ);
        if (n === 47) {
          this.read();
          return this.peek() === 61 ? this.take(T.SLASHSLASH_EQ) : T.SLASHSLASH;
        }
        return T.SLASH;
      case 58:
        return T.COLON;
      case 59:
        return T.SEMI;
      case 126:
        return T.TILDE;
      case 42: // *
        if (n === 42) return this.take(T.STARSTAR);
        if (n === 61) return this.take(T.STAR_EQ);
        return T.STAR;
    }
    // Not a token: Go reports the position *before* the character.
    return this.error(start, `unexpected input character ${quoteRune(c)}`);
  }

  private take(t: Token): Token {
    this.read();
    return t;
  }

  private scanString(quote: number): Token {
    const start = this.here();
    const src = this.src;
    const n = src.length;
    const triple = src.charCodeAt(this.i + 1) === quote && src.charCodeAt(this.i + 2) === quote;
    this.read();
    if (!triple) {
      for (;;) {
        if (this.i >= n) this.error(this.pos, 'unexpected EOF in string');
        let c = this.read();
        if (c === quote) break;
        if (c === 10) this.error(this.pos, 'unexpected newline in string');
        if (c === 92) {
          if (this.i >= n) this.error(this.pos, 'unexpected EOF in string');
          c = this.read();
        }
      }
    } else {
      this.read();
      this.read();
      let quotes = 0;
      for (;;) {
        if (this.i >= n) this.error(this.pos, 'unexpected EOF in string');
        let c = this.read();
        if (c === quote) {
          if (++quotes === 3) break;
        } else {
          quotes = 0;
        }
        if (c === 92) {
          if (this.i >= n) this.error(this.pos, 'unexpected EOF in string');
          c = this.read();
        }
      }
    }
    let raw = src.slice(this.tokStart, this.i);
    if (/[\r\x80-\xff]/.test(raw)) raw = normalizeRaw(raw);
    this.raw = raw;
    try {
      const u = unquote(raw);
      this.value = u.value;
      return u.isByte ? T.BYTES : T.STRING;
    } catch (e) {
      if (e instanceof QuoteError) this.error(start, e.message);
      throw e;
    }
  }

  private scanNumber(first: number): Token {
    const start = this.here();
    let c = first;
    let fraction = false;
    let exponent = false;
    if (c === 46) {
      this.read();
      c = this.peek();
      if (!isDigit(c)) {
        this.endToken();
        return T.DOT;
      }
      fraction = true;
    } else if (c === 48) {
      this.read();
      c = this.peek();
      if (c === 46) {
        fraction = true;
      } else if (c === 120 || c === 88) {
        this.read();
        c = this.peek();
        if (!isHexDigit(c)) this.error(start, 'invalid hex literal');
        while (isHexDigit(c)) {
          this.read();
          c = this.peek();
        }
      } else if (c === 111 || c === 79) {
        this.read();
        c = this.peek();
        if (!(c >= 48 && c <= 55)) this.error(this.here(), 'invalid octal literal');
        while (c >= 48 && c <= 55) {
          this.read();
          c = this.peek();
        }
      } else if (c === 98 || c === 66) {
        this.read();
        c = this.peek();
        if (c !== 48 && c !== 49) this.error(this.here(), 'invalid binary literal');
        while (c === 48 || c === 49) {
          this.read();
          c = this.peek();
        }
      } else {
        // A float, zero, or the obsolete octal form 0755.
        let allZeros = true;
        let octal = true;
        while (isDigit(c)) {
          if (c !== 48) allZeros = false;
          if (c > 55) octal = false;
          this.read();
          c = this.peek();
        }
        if (c === 46) {
          fraction = true;
        } else if (c === 101 || c === 69) {
          exponent = true;
        } else if (octal && !allZeros) {
          this.endToken();
          this.error(this.here(), `obsolete form of octal literal; use 0o${this.raw.slice(1)}`);
        }
      }
    } else {
      while (isDigit(c)) {
        this.read();
        c = this.peek();
      }
      if (c === 46) fraction = true;
      else if (c === 101 || c === 69) exponent = true;
    }

    if (fraction) {
      this.read(); // '.'
      c = this.peek();
      while (isDigit(c)) {
        this.read();
        c = this.peek();
      }
      if (c === 101 || c === 69) exponent = true;
    }
    if (exponent) {
      this.read(); // [eE]
      c = this.peek();
      if (c === 43 || c === 45) {
        this.read();
        c = this.peek();
        if (!isDigit(c)) this.error(this.here(), 'invalid float literal');
      }
      while (isDigit(c)) {
        this.read();
        c = this.peek();
      }
    }

    this.endToken();
    const s = this.raw;
    if (fraction || exponent) {
      const f = Number(s);
      // Go's ParseFloat rejects overflow to infinity (and anything malformed, like "1e").
      if (!Number.isFinite(f)) this.error(this.here(), 'invalid float literal');
      this.value = f;
      return T.FLOAT;
    }
    this.value = this.intValue(s, start);
    return T.INT;
  }

  private intValue(s: string, start: Position): number | bigint {
    const p = s.charCodeAt(1) | 0x20;
    if (s.length > 2 && s[0] === '0' && (p === 111 || p === 98)) {
      // Octal and binary literals must fit in int64 (no big-int fallback in starlark-go).
      const v = BigInt(`0${String.fromCharCode(p)}${s.slice(2)}`);
      if (v > MAX_INT64) this.error(start, 'invalid int literal');
      return normalizeInt(v);
    }
    if (s.length > 1 && s[0] === '0' && isDigit(s.charCodeAt(1))) {
      // Only all-zero forms such as "00" remain valid here; "09" is neither octal nor decimal.
      if (/^0+$/.test(s)) return 0;
      this.error(start, 'invalid int literal');
    }
    if (s.length < 16 && p !== 120) return Number(s);
    return normalizeInt(BigInt(s));
  }
}

function normalizeInt(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}
