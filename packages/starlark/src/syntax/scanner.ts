// The Starlark scanner: a hand-written port of starlark-go's scan.go semantics over a binary
// (latin1) source string. Positions count runes; a tab indents to the next multiple of 8;
// INDENT/OUTDENT come from an indentation stack; newlines inside brackets are skipped.
// Errors (and the parser's errors, which use this scanner's current position) are StaticErrors.

import { isDigit, scanNumber, scanString } from './literals.ts';
import { SourceReader } from './reader.ts';
import { KEYWORDS, T, type Token } from './tokens.ts';
import { encodeRune } from './utf8.ts';

const LETTER = /^\p{L}$/u;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function isIdentStart(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return LETTER.test(String.fromCodePoint(c));
}

function isIdent(c: number): boolean {
  return (c >= 48 && c <= 57) || isIdentStart(c);
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

export class Scanner extends SourceReader {
  private depth = 0; // nesting of ( [ {
  private readonly indentstk: number[] = [0];
  private dents = 0; // pending INDENTs (> 0) or OUTDENTs (< 0)
  private lineStart = true;
  /** FileOptions.reservedWordsIllegal. */
  reservedWordsIllegal = false;

  /** Scans the next token, setting pos/raw/value. */
  next(): Token {
    for (;;) {
      let c = 0;
      let blank = false;
      const savedLineStart = this.lineStart;
      if (this.lineStart) {
        this.lineStart = false;
        // Leading spaces in one step (a space is one column); tabs go rune by rune below.
        const src = this.src;
        let j = this.i;
        while (src.charCodeAt(j) === 32) j++;
        let col = j - this.i;
        this.col += col;
        this.i = j;
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
    if (c === 34 || c === 39) return scanString(this, c);
    if (isIdentStart(c)) {
      const src = this.src;
      const i = this.i;
      const q1 = src.charCodeAt(i + 1);
      if ((c === 114 || c === 98) && (q1 === 34 || q1 === 39)) {
        this.read(); // r"..." or b"..."
        return scanString(this, q1);
      }
      const q2 = src.charCodeAt(i + 2);
      if (c === 114 && q1 === 98 && (q2 === 34 || q2 === 39)) {
        this.read(); // rb"..."
        this.read();
        return scanString(this, q2);
      }
      // Fast path over ASCII identifier bytes (one column each), then rune by rune if needed.
      let j = i;
      for (; j < src.length; j++) {
        const b = src.charCodeAt(j);
        if (!((b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b === 95 || (b >= 48 && b <= 57)))
          break;
      }
      this.col += j - i;
      this.i = j;
      c = this.peek();
      while (c >= 0x80 && isIdent(c)) {
        this.read();
        c = this.peek();
        while (c < 0x80 && isIdent(c)) {
          this.read();
          c = this.peek();
        }
      }
      this.endToken();
      const kw = KEYWORDS.get(this.raw);
      if (kw === undefined) return T.IDENT;
      return kw >= T.AS && this.reservedWordsIllegal ? T.ILLEGAL : kw;
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

    if (isDigit(c) || c === 46) return scanNumber(this, c);

    const tok = this.scanPunct(c);
    this.endToken();
    return tok;
  }

  private scanPunct(c: number): Token {
    const start = this.pos; // the token starts here: nothing was read since startToken
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
}
