// ANSI colours for the terminal: one colour per resource (stable across runs: chosen from the
// name), and the few status colours. `plain` turns them all off (not a TTY, NO_COLOR).
export interface Colors {
  readonly enabled: boolean;
  resource(name: string, text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  grey(text: string): string;
  bold(text: string): string;
}

/** Foreground colours that read on dark and light backgrounds (no black, white or red). */
const PALETTE = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94] as const;

/** The palette index of a resource: FNV-1a of its name, so a name keeps its colour. */
export function colorIndex(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % PALETTE.length;
}

function sgr(code: number, text: string): string {
  return `\u001b[${code}m${text}\u001b[0m`;
}

export function makeColors(enabled: boolean): Colors {
  const wrap = (code: number) => (text: string) => (enabled ? sgr(code, text) : text);
  return {
    enabled,
    resource: (name, text) => (enabled ? sgr(PALETTE[colorIndex(name)]!, text) : text),
    green: wrap(32),
    red: wrap(31),
    yellow: wrap(33),
    grey: wrap(90),
    bold: wrap(1),
  };
}

/** Whether to colour: a TTY, unless NO_COLOR is set; FORCE_COLOR forces it (as most CLIs do). */
export function colorsWanted(isTTY: boolean, env: Readonly<Record<string, string>>): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}
