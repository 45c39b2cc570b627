// YAML text of JSON-like data as go-yaml v2's Marshal writes it (sigs.k8s.io/yaml, which Tilt
// uses for the YAML it applies and for encode_yaml): keys in go-yaml's natural order, block
// style, sequences not indented under their key, `{}`/`[]` for empty collections, literal
// blocks for multi-line strings, plain scalars folded past column 80, and quotes only where a
// YAML 1.1 reader would take the text for something else.

const BEST_WIDTH = 80;

/** go-yaml v2's keyList.Less for string keys: letters before other runes, digit runs by value. */
export function goKeyLess(a: string, b: string): boolean {
  // The same rule on UTF-16 code units, without allocating, for keys that differ at an ASCII
  // character (nearly all Kubernetes keys); other keys go rune by rune.
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) {
    // One is a prefix of the other; a split surrogate pair counts runes differently.
    const last = a.charCodeAt(n - 1);
    return last >= 0xd800 && last <= 0xdbff ? keyLessByRunes(a, b) : a.length < b.length;
  }
  const ca = a.charCodeAt(i);
  const cb = b.charCodeAt(i);
  if (ca >= 0x80 || cb >= 0x80) return keyLessByRunes(a, b);
  const al = isAsciiLetter(ca);
  const bl = isAsciiLetter(cb);
  if (al && bl) return ca < cb;
  if (al || bl) return bl;
  let an = 0;
  let bn = 0;
  if (ca === 48 || cb === 48) {
    for (let j = i - 1; j >= 0 && isDigitCode(a.charCodeAt(j)); j--) {
      if (a.charCodeAt(j) !== 48) {
        an = 1;
        bn = 1;
        break;
      }
    }
  }
  let ai = i;
  let bi = i;
  for (; ai < a.length && isDigitCode(a.charCodeAt(ai)); ai++) an = an * 10 + a.charCodeAt(ai) - 48;
  for (; bi < b.length && isDigitCode(b.charCodeAt(bi)); bi++) bn = bn * 10 + b.charCodeAt(bi) - 48;
  if (an !== bn) return an < bn;
  if (ai !== bi) return ai < bi;
  return ca < cb;
}

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

// The general case, rune by rune.
function keyLessByRunes(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

const goKeyCompare = (a: string, b: string): number =>
  goKeyLess(a, b) ? -1 : goKeyLess(b, a) ? 1 : 0;

const RESOLVED_WORDS = new Set(
  'y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF ~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF <<'.split(
    ' ',
  ),
);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]| +)(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[-+]\d{1,2}(?::\d{2})?)?)?$/;

function fitsUint64(digits: string, radix: number): boolean {
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  return BigInt(prefix + digits) < 1n << 64n;
}

/** Whether go-yaml v2's resolve("", s) gives something other than a string (so s is quoted). */
function resolvesToNonString(s: string): boolean {
  if (RESOLVED_WORDS.has(s) || s === '') return true;
  const c = s[0]!;
  if (c === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9'))) return false;
  if (TIMESTAMP.test(s)) return true;
  const plain = s.replaceAll('_', '');
  const m =
    /^[-+]?(?:0([xX])([0-9a-fA-F]+)|0([oO])([0-7]+)|0([bB])([01]+)|(0[0-7]*)|([1-9][0-9]*))$/.exec(
      plain,
    );
  if (m !== null) {
    if (m[2] !== undefined) return fitsUint64(m[2], 16);
    if (m[4] !== undefined) return fitsUint64(m[4], 8);
    if (m[6] !== undefined) return fitsUint64(m[6], 2);
    return true;
  }
  return YAML_FLOAT.test(plain) || BASE60_FLOAT.test(s);
}

const SPECIAL_START = new Set([...'#,[]{}&*!|>\'"%@`']);

/** libyaml's scalar analysis, reduced to block context: which styles may write `s`. */
function analyze(s: string): { plain: boolean; single: boolean; block: boolean } {
  if (s.startsWith('---') || s.startsWith('...'))
    return { plain: false, single: true, block: true };
  let indicators = false;
  let special = false;
  let spaceBreak = false;
  let breakSpace = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    const followedByBlank = next === undefined || next === ' ' || next === '\t' || next === '\n';
    if (i === 0) {
      if (SPECIAL_START.has(ch)) indicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByBlank) indicators = true;
    } else {
      if (ch === ':' && followedByBlank) indicators = true;
      if (ch === '#' && (chars[i - 1] === ' ' || chars[i - 1] === '\t')) indicators = true;
    }
    const cp = ch.codePointAt(0)!;
    const printable =
      cp === 0x0a ||
      (cp >= 0x20 && cp <= 0x7e) ||
      cp === 0x85 ||
      (cp >= 0xa0 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
      (cp >= 0x10000 && cp <= 0x10ffff);
    if (!printable) special = true;
    if (ch === ' ' && next === '\n') spaceBreak = true;
    if (ch === '\n' && next === ' ') breakSpace = true;
  }
  const first = chars[0];
  const last = chars[chars.length - 1];
  const edge = first === ' ' || first === '\n' || last === ' ' || last === '\n';
  return {
    plain: !indicators && !special && !spaceBreak && !breakSpace && !edge && !s.includes('\n'),
    single: !special && !spaceBreak && !breakSpace,
    block: !special && !spaceBreak && last !== ' ',
  };
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp === 0) out += '\\0';
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0xfeff)
      out += `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A plain or single-quoted scalar folded as go-yaml does: a space past column 80 breaks the line. */
function folded(text: string, column: number, indent: string): string {
  let out = '';
  let col = column;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' && col > BEST_WIDTH && text[i - 1] !== ' ' && text[i + 1] !== ' ') {
      out += `\n${indent}`;
      col = indent.length;
    } else {
      out += ch;
      col++;
    }
  }
  return out;
}

// `cont` is the indentation of continuation lines (folded text, literal block lines).
// Names, labels, paths and versions: text libyaml writes plain as is (no indicator, blank or
// break can occur in it), so the character analysis can be skipped.
const SIMPLE_PLAIN = /^[A-Za-z0-9_./-]+$/;

function scalarString(s: string, column: number, cont: string, simpleKey: boolean): string {
  if (resolvesToNonString(s)) return doubleQuoted(s);
  if (SIMPLE_PLAIN.test(s) && s !== '-' && !s.startsWith('---') && !s.startsWith('...')) return s;
  const a = analyze(s);
  if (s.includes('\n')) return a.block && !simpleKey ? literal(s, cont) : doubleQuoted(s);
  if (a.plain) return simpleKey ? s : folded(s, column, cont);
  if (a.single)
    return `'${simpleKey ? s.replaceAll("'", "''") : folded(s.replaceAll("'", "''"), column + 1, cont)}'`;
  return doubleQuoted(s);
}

function literal(s: string, cont: string): string {
  const chomp = !s.endsWith('\n') ? '-' : s.endsWith('\n\n') || s === '\n' ? '+' : '';
  const hint = s[0] === ' ' || s[0] === '\n' ? '2' : '';
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  return `|${hint}${chomp}\n${body
    .split('\n')
    .map((l) => (l === '' ? '' : cont + l))
    .join('\n')}`;
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64), as go-yaml writes a float. */
function goFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (Number.isInteger(f) && Math.abs(f) < 1e21) return String(f);
  const [mant, e] = f.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6)
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

function scalar(v: unknown, column: number, cont: string, simpleKey = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'bigint') return String(v);
  return scalarString(String(v), column, cont, simpleKey);
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

function emitNode(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (
        (isMap(item) && Object.keys(item).length > 0) ||
        (Array.isArray(item) && item.length > 0)
      ) {
        const sub: string[] = [];
        emitNode(item, `${indent}  `, sub);
        out.push(`${indent}- ${sub.join('\n').slice(indent.length + 2)}`);
      } else out.push(`${indent}- ${inline(item, indent.length + 2, `${indent}  `)}`);
    }
    return;
  }
  if (isMap(v)) {
    for (const k of Object.keys(v).sort(goKeyCompare)) {
      const key = scalar(k, indent.length, indent, true);
      const item = v[k];
      if (isMap(item) && Object.keys(item).length > 0) {
        out.push(`${indent}${key}:`);
        emitNode(item, `${indent}  `, out);
      } else if (Array.isArray(item) && item.length > 0) {
        out.push(`${indent}${key}:`);
        emitNode(item, indent, out);
      } else
        out.push(`${indent}${key}: ${inline(item, indent.length + key.length + 2, `${indent}  `)}`);
    }
  }
}

function inline(v: unknown, column: number, indent: string): string {
  if (Array.isArray(v)) return '[]';
  if (isMap(v)) return '{}';
  return scalar(v, column, indent);
}

/** The YAML go-yaml v2's Marshal writes for `v` (a document; ends with a newline). */
export function goYAMLMarshal(v: unknown): string {
  if ((isMap(v) && Object.keys(v).length > 0) || (Array.isArray(v) && v.length > 0)) {
    const out: string[] = [];
    emitNode(v, '', out);
    return `${out.join('\n')}\n`;
  }
  return `${inline(v, 0, '  ')}\n`;
}
