// Sizes as docker/go-units' HumanSize writes them ("0B", "3MB", "474.4MB"): decimal units, four
// significant digits in Go's %g form. Tilt's build output and prune report use it; so do Slant's.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** go-units HumanSize: divide by 1000 while the size is 1000 or more, then `%.4g` and the unit. */
export function humanSize(bytes: number): string {
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < UNITS.length - 1) {
    size /= 1000;
    i++;
  }
  return `${formatG(size, 4)}${UNITS[i]}`;
}

/**
 * Go's `%.<precision>g` of a finite, non-negative number: rounded half to even on the number's
 * exact decimal value (as strconv does), trailing zeros dropped, exponent form (`1.234e+04`) when
 * the exponent is below -4 or not below the precision.
 */
export function formatG(x: number, precision: number): string {
  if (x === 0) return '0';
  // toFixed is exact up to 100 fraction digits, which holds every double in range here.
  const fixed = x.toFixed(100);
  const point = fixed.indexOf('.');
  const all = fixed.slice(0, point) + fixed.slice(point + 1);
  const lead = /^0*/.exec(all)?.[0].length ?? 0;
  const sig = all.slice(lead);
  let exp = point - lead - 1;
  let digits = sig.slice(0, precision).padEnd(precision, '0');
  const rest = sig.slice(precision);
  const last = Number(digits[precision - 1]);
  const first = rest[0] ?? '0';
  const roundUp = first > '5' || (first === '5' && (/[1-9]/.test(rest.slice(1)) || last % 2 === 1));
  if (roundUp) {
    const n = (BigInt(digits) + 1n).toString();
    if (n.length > precision) {
      exp++;
      digits = n.slice(0, precision);
    } else {
      digits = n;
    }
  }
  if (exp < -4 || exp >= precision) {
    const mantissa = trimZeros(`${digits[0]}.${digits.slice(1)}`);
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${mantissa}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return trimZeros(`0.${'0'.repeat(-exp - 1)}${digits}`);
  return trimZeros(`${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
