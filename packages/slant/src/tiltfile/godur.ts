// Go's time.ParseDuration and Duration.String, for settings that take Go duration strings.

const UNITS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** time.ParseDuration, in milliseconds; throws Go's error texts. */
export function parseGoDuration(s: string): number {
  const quoted = JSON.stringify(s);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new Error(`time: invalid duration ${quoted}`);
  let total = 0;
  while (rest !== '') {
    const num = /^(\d*)(\.\d*)?/.exec(rest)!;
    if (num[0] === '' || num[0] === '.') throw new Error(`time: invalid duration ${quoted}`);
    rest = rest.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') throw new Error(`time: missing unit in duration ${quoted}`);
    const mult = UNITS[unit];
    if (mult === undefined)
      throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    total += Number(num[0]) * mult;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

/** Duration.String for whole-millisecond durations: "1h2m3.5s", "300ms", "0s". */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let x = Math.abs(ms);
  if (x < 1000) return `${neg ? '-' : ''}${x}ms`;
  const h = Math.floor(x / 3_600_000);
  x -= h * 3_600_000;
  const m = Math.floor(x / 60_000);
  x -= m * 60_000;
  const s = (x / 1000).toString();
  return `${neg ? '-' : ''}${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}

/** Duration.String of a (fractional) millisecond duration, e.g. "1.5ms", "250µs", "2.1s". */
export function formatGoDurationPrecise(ms: number): string {
  const ns = Math.round(ms * 1e6);
  if (ns === 0) return '0s';
  if (ns < 1000) return `${ns}ns`;
  const trim = (x: number) => x.toFixed(9).replace(/\.?0+$/, '');
  if (ns < 1e6) return `${trim(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trim(ns / 1e6)}ms`;
  const h = Math.floor(ns / 3.6e12);
  let rest = ns - h * 3.6e12;
  const m = Math.floor(rest / 6e10);
  rest -= m * 6e10;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${trim(rest / 1e9)}s`;
}
