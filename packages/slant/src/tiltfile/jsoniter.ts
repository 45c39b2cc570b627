// tilt_config.json as Tilt reads it: jsoniter's stream Decoder into a map[string]interface{}.
// It reads the first value only (trailing text is ignored), `null` gives no settings, and its
// errors name the reading function and quote the bytes around the failure from its 512-byte
// read buffer: `Read: unexpected value type: 0, error found in #6 byte of ...|{"a": }|...`.

const BUF = 512;

class JsonIterError extends Error {}

/** Bytes as a binary string (one char per byte), as jsoniter indexes them. */
class Iter {
  private readonly src: string;
  private head = 0;
  private eof = false;
  constructor(src: string) {
    this.src = src;
  }

  private fail(op: string, msg: string): never {
    // The buffer holds the 512-byte chunk the last byte read came from.
    const chunk = this.head === 0 ? 0 : Math.floor((this.head - 1) / BUF) * BUF;
    const tail = Math.min(chunk + BUF, this.src.length);
    const peekStart = Math.max(chunk, this.head - 10);
    const parsing = this.src.slice(peekStart, Math.min(tail, this.head + 10));
    const context = this.src.slice(Math.max(chunk, this.head - 50), Math.min(tail, this.head + 50));
    const utf8 = (s: string) => Buffer.from(s, 'latin1').toString('utf8');
    throw new JsonIterError(
      `${op}: ${msg}, error found in #${this.head - peekStart} byte of ...|${utf8(parsing)}|..., bigger context ...|${utf8(context)}|...`,
    );
  }

  private readByte(): string {
    if (this.head >= this.src.length) {
      this.eof = true;
      return '\0';
    }
    return this.src[this.head++]!;
  }

  private unread(): void {
    if (!this.eof) this.head--;
  }

  // At the end, jsoniter leaves its position before the trailing whitespace.
  private nextToken(): string {
    for (let i = this.head; i < this.src.length; i++) {
      const c = this.src[i]!;
      if (c !== ' ' && c !== '\n' && c !== '\t' && c !== '\r') {
        this.head = i + 1;
        return c;
      }
    }
    this.eof = true;
    return '\0';
  }

  private skip(op: string, word: string): void {
    for (const w of word) if (this.readByte() !== w) this.fail(op, `expect ${word}`);
  }

  readString(): string {
    const c = this.nextToken();
    if (c === 'n') {
      this.skip('skipThreeBytes', 'ull');
      return '';
    }
    if (c !== '"') this.fail('ReadString', `expects " or n, but found ${c}`);
    const start = this.head - 1;
    for (;;) {
      const d = this.readByte();
      if (this.eof) this.fail('readStringSlowPath', 'unexpected end of input');
      if (d === '"') break;
      if (d === '\\') this.readByte();
      else if (d < ' ')
        this.fail('ReadString', `invalid control character found: ${d.charCodeAt(0)}`);
    }
    const raw = Buffer.from(this.src.slice(start, this.head), 'latin1').toString('utf8');
    return JSON.parse(raw) as string;
  }

  private readNumber(): number {
    const m = /^-?[0-9.eE+-]*/.exec(this.src.slice(this.head))!;
    const text = m[0];
    if (text === '' || text === '-') this.fail('readFloat64', 'empty number');
    // A number that runs to the end of the input leaves jsoniter's position at its start.
    if (this.head + text.length >= this.src.length) this.eof = true;
    else this.head += text.length;
    const n = Number(text);
    if (Number.isNaN(n)) this.fail('readFloat64', `invalid number ${JSON.stringify(text)}`);
    return n;
  }

  /** Iterator.Read: any value. */
  read(): unknown {
    const c = this.nextToken();
    this.unread();
    switch (c) {
      case '"':
        return this.readString();
      case '-':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        return this.readNumber();
      case 'n':
        this.skip('skipFourBytes', 'null');
        return null;
      case 't':
        this.head++;
        this.skip('skipThreeBytes', 'rue');
        return true;
      case 'f':
        this.head++;
        this.skip('skipFourBytes', 'alse');
        return false;
      case '[':
        return this.readArray();
      case '{':
        return this.readObject();
      default:
        return this.fail('Read', 'unexpected value type: 0');
    }
  }

  private readArray(): unknown[] {
    this.nextToken(); // '['
    const out: unknown[] = [];
    let c = this.nextToken();
    if (c === ']') return out;
    this.unread();
    out.push(this.read());
    for (c = this.nextToken(); c === ','; c = this.nextToken()) out.push(this.read());
    if (c !== ']') this.fail('ReadArrayCB', `expect ] in the end, but found ${c}`);
    return out;
  }

  /** ReadMapCB, for objects inside values. */
  private readObject(): Record<string, unknown> {
    this.nextToken(); // '{'
    const out: Record<string, unknown> = {};
    let c = this.nextToken();
    if (c === '}') return out;
    if (c !== '"') this.fail('ReadMapCB', `expect " after {, but found ${c}`);
    this.unread();
    for (;;) {
      const key = this.readString();
      if (this.nextToken() !== ':')
        this.fail('ReadMapCB', `expect : after object field, but found ${c}`);
      out[key] = this.read();
      c = this.nextToken();
      if (c !== ',') break;
    }
    if (c !== '}') this.fail('ReadMapCB', 'object not ended with }');
    return out;
  }

  /** The map decoder Decode(&map[string]interface{}) uses at the top. */
  decodeMap(): Record<string, unknown> {
    let c = this.nextToken();
    if (c === 'n') {
      this.skip('skipThreeBytes', 'ull');
      return {};
    }
    if (c !== '{') this.fail('ReadMapCB', `expect { or n, but found ${c}`);
    const out: Record<string, unknown> = {};
    c = this.nextToken();
    if (c === '}') return out;
    this.unread();
    for (;;) {
      const key = this.readString();
      c = this.nextToken();
      if (c !== ':') this.fail('ReadMapCB', `expect : after object field, but found ${c}`);
      out[key] = this.read();
      c = this.nextToken();
      if (c !== ',') break;
    }
    if (c !== '}') this.fail('ReadMapCB', `expect }, but found ${c}`);
    return out;
  }
}

/**
 * Decodes tilt_config.json's bytes as Tilt does; throws an Error with jsoniter's text (`EOF` for
 * an empty file).
 */
export function decodeConfigJSON(bytes: Buffer): Record<string, unknown> {
  const src = bytes.toString('latin1');
  if (src.length === 0) throw new Error('EOF');
  try {
    return new Iter(src).decodeMap();
  } catch (e) {
    if (e instanceof JsonIterError) throw new Error(e.message);
    throw e;
  }
}
