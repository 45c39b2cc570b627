// float(string) accepts exactly the syntax of Go's strconv.ParseFloat (after starlark-go has
// handled inf/nan): decimal or hex mantissa, '_' between digits, a 'p' exponent for hex.
import { bigTimesPow2 } from '../values/float-exact.ts';

const DECIMAL = /^[+-]?[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9][0-9_]*)?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9][0-9_]*)$/;

/**
 * Go's underscoreOK: '_' only between digits, or between a base prefix and a digit.
 * Written for the strings the regexps above let through.
 */
function underscoreOK(s: string): boolean {
  let i = s[0] === '+' || s[0] === '-' ? 1 : 0;
  let saw = '^'; // ^ start, 0 digit or prefix, _ underscore, ! anything else
  const hex = s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X');
  if (hex) {
    i += 2;
    saw = '0';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else if (saw === '_') return false;
    else saw = '!';
  }
  return saw !== '_';
}

/** The float s denotes (±Infinity when out of range), or undefined when s is malformed. */
export function parseGoFloat(s: string): number | undefined {
  const h = HEX.exec(s);
  if (h !== null) {
    const [, sign, intPart, fracPart = '', expPart] = h;
    const intDigits = intPart!.replaceAll('_', '');
    const fracDigits = fracPart.replaceAll('_', '');
    if (intDigits === '' && fracDigits === '') return undefined;
    if (s.includes('_') && !underscoreOK(s)) return undefined;
    const mant = BigInt(`0x${intDigits}${fracDigits}`);
    // Go caps the exponent's magnitude; any huge exponent over- or underflows the same way.
    const exp = Math.max(-100000, Math.min(100000, Number(expPart!.replaceAll('_', ''))));
    const f = bigTimesPow2(mant, exp - 4 * fracDigits.length);
    return sign === '-' ? -f : f;
  }
  if (!DECIMAL.test(s) || !/[0-9]/.test(s.replace(/[eE].*$/, ''))) return undefined;
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  return Number(s.replaceAll('_', ''));
}
