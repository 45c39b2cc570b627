// Rune-level reading of a binary (latin1) source string, with Go's position rules: CR and CRLF
// read as one newline; a valid UTF-8 sequence or an invalid byte advances the column by one.
// The scanner builds tokens on top of it.

import type { Position } from '../errors.ts';
import { StaticError } from '../errors.ts';
import { decodeRune } from './utf8.ts';

export class SourceReader {
  readonly file: string;
  readonly src: string;
  /** Byte offset of the next rune. */
  i = 0;
  /** The current input position (Go's sc.pos): where the parser reports most errors. */
  line: number;
  col: number;
  /** Byte offset where the current token starts. */
  tokStart = 0;
  /** The last token's start line and column; `pos` makes its Position on first use only. */
  private tokLine: number;
  private tokCol: number;
  private tokPos: Position | null = null;
  /** The last token's raw text and decoded value (for literals). */
  raw = '';
  value: number | bigint | string = 0;

  constructor(file: string, src: string, firstLine = 1, firstCol = 1) {
    this.file = file;
    this.src = src;
    this.line = firstLine;
    this.col = firstCol;
    this.tokLine = firstLine;
    this.tokCol = firstCol;
  }

  /** The last token's start position (most tokens' positions are never asked for). */
  get pos(): Position {
    let p = this.tokPos;
    if (p === null) {
      p = { file: this.file, line: this.tokLine, col: this.tokCol };
      this.tokPos = p;
    }
    return p;
  }

  here(): Position {
    return { file: this.file, line: this.line, col: this.col };
  }

  error(pos: Position, msg: string): never {
    throw new StaticError(pos, msg);
  }

  /** The next rune without consuming it (a newline for CR), or 0 at the end. */
  peek(): number {
    const i = this.i;
    if (i >= this.src.length) return 0;
    const b = this.src.charCodeAt(i);
    if (b < 0x80) return b === 13 ? 10 : b;
    return decodeRune(this.src, i) >> 3;
  }

  read(): number {
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

  /** Marks the start of a token at the current position. */
  startToken(): void {
    this.tokStart = this.i;
    this.raw = '';
    this.tokLine = this.line;
    this.tokCol = this.col;
    this.tokPos = null;
  }

  endToken(): void {
    if (this.raw === '') this.raw = this.src.slice(this.tokStart, this.i);
  }
}
