// ANSI SGR colour codes in log text as styled runs (and the plain text, for search). Only the
// codes build tools and apps print: reset, bold, dim, italic, underline, 8/16/256-colour and
// 24-bit foreground and background. Other escape sequences are dropped.

export interface Style {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface Run {
  readonly text: string;
  readonly style: Style;
}

const BASE = [
  '#000000',
  '#cd3131',
  '#0dbc79',
  '#e5e510',
  '#2472c8',
  '#bc3fbc',
  '#11a8cd',
  '#e5e5e5',
];
const BRIGHT = [
  '#666666',
  '#f14c4c',
  '#23d18b',
  '#f5f543',
  '#3b8eea',
  '#d670d6',
  '#29b8db',
  '#ffffff',
];

function color256(n: number): string {
  if (n < 8) return BASE[n] as string;
  if (n < 16) return BRIGHT[n - 8] as string;
  if (n < 232) {
    const v = n - 16;
    const c = (x: number) => (x === 0 ? 0 : 55 + x * 40);
    return `rgb(${c(Math.floor(v / 36))},${c(Math.floor(v / 6) % 6)},${c(v % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
}

function apply(style: Style, codes: number[]): Style {
  const s = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c === 0) for (const k of Object.keys(s)) delete s[k as keyof Style];
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 22) {
      delete s.bold;
      delete s.dim;
    } else if (c === 23) delete s.italic;
    else if (c === 24) delete s.underline;
    else if (c >= 30 && c <= 37) s.fg = BASE[c - 30] as string;
    else if (c === 39) delete s.fg;
    else if (c >= 40 && c <= 47) s.bg = BASE[c - 40] as string;
    else if (c === 49) delete s.bg;
    else if (c >= 90 && c <= 97) s.fg = BRIGHT[c - 90] as string;
    else if (c >= 100 && c <= 107) s.bg = BRIGHT[c - 100] as string;
    else if (c === 38 || c === 48) {
      const key = c === 38 ? 'fg' : 'bg';
      if (codes[i + 1] === 5) {
        s[key] = color256(codes[i + 2] ?? 0);
        i += 2;
      } else if (codes[i + 1] === 2) {
        s[key] = `rgb(${codes[i + 2] ?? 0},${codes[i + 3] ?? 0},${codes[i + 4] ?? 0})`;
        i += 4;
      }
    }
  }
  return s;
}

const ESCAPE = /\u001b\[([0-9;]*)([A-Za-z])|\u001b\][^\u0007]*\u0007/g;

export function parseAnsi(text: string): Run[] {
  if (!text.includes('\u001b')) return text === '' ? [] : [{ text, style: {} }];
  const runs: Run[] = [];
  let style: Style = {};
  let last = 0;
  for (const m of text.matchAll(ESCAPE)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index), style });
    last = m.index + m[0].length;
    if (m[2] === 'm') {
      const codes = (m[1] ?? '') === '' ? [0] : (m[1] as string).split(';').map(Number);
      style = apply(style, codes);
    }
  }
  if (last < text.length) runs.push({ text: text.slice(last), style });
  return runs;
}

/** The text without escape sequences (what search and copy see). */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ESCAPE, '') : text;
}
