// Float formatting exactly as Go's strconv.FormatFloat, as starlark-go uses it.
import { expDigits, fixedDigits } from './float-exact.ts';

/** str(float) and %g: shortest round-trip digits, always with '.' or an exponent. */
export function formatFloat(v: number, conv: 'g' | 'G' = 'g'): string {
  if (!Number.isFinite(v)) return v > 0 ? '+inf' : v < 0 ? '-inf' : 'nan';
  const s = formatShortestG(v);
  const r = s.includes('e') || s.includes('.') ? s : `${s}.0`;
  return conv === 'G' ? r.toUpperCase() : r;
}

/** Go's FormatFloat(v, 'g', -1, 64) for finite v. */
function formatShortestG(v: number): string {
  const neg = v < 0 || Object.is(v, -0);
  const e = Math.abs(v).toExponential(); // shortest digits: "d.ddde+N"
  const ei = e.indexOf('e');
  const digits = e[0]! + e.slice(2, ei);
  const exp = Number(e.slice(ei + 1));
  const sign = neg ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}${goExp(exp)}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function goExp(exp: number): string {
  const a = Math.abs(exp);
  return `e${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`;
}

/** %e / %E / %f with 6 digits of precision, as Go's FormatFloat(v, conv, 6, 64). */
export function formatFloatPrec(v: number, conv: 'e' | 'E' | 'f' | 'F'): string {
  if (!Number.isFinite(v)) return v > 0 ? '+inf' : v < 0 ? '-inf' : 'nan';
  // strconv knows no 'F': FormatFloat writes '%' and the verb, whatever the finite value.
  if (conv === 'F') return '%F';
  const neg = v < 0 || Object.is(v, -0);
  let s: string;
  if (conv === 'e' || conv === 'E') {
    const { digits, exp } = expDigits(v, 6);
    s = `${digits[0]}.${digits.slice(1)}${goExp(exp)}`;
    if (conv === 'E') s = s.toUpperCase();
  } else {
    s = fixedDigits(v, 6);
  }
  return neg ? `-${s}` : s;
}
