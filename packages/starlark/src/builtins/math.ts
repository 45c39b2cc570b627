// The math module (lib/math).
import { StarlarkError } from '../errors.ts';
import { Builtin } from '../values/builtin.ts';
import type { BuiltinImpl } from '../values/builtin.ts';
import { typeName } from '../values/compare.ts';
import { floatToInt } from '../values/int.ts';
import type { Value } from '../values/object.ts';
import { Float } from '../values/primitives.ts';
import { Module } from '../values/struct.ts';
import { unpackPositional } from './unpack.ts';

/** starlark-go floatOrInt. */
function floatOrInt(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Float) return v.v;
  throw new StarlarkError(`got ${typeName(v)}, want float or int`);
}

function unary(name: string, f: (x: number) => number): BuiltinImpl {
  return (_t, args, kwargs) => {
    const [x] = unpackPositional<[number]>(name, args, kwargs, 1, floatOrInt);
    return new Float(f(x!));
  };
}

function binary(name: string, f: (x: number, y: number) => number): BuiltinImpl {
  return (_t, args, kwargs) => {
    const [x, y] = unpackPositional<[number, number]>(
      name,
      args,
      kwargs,
      2,
      floatOrInt,
      floatOrInt,
    );
    return new Float(f(x!, y!));
  };
}

function rounding(name: string, f: (x: number) => number): BuiltinImpl {
  return (_t, args, kwargs) => {
    const [x] = unpackPositional<[Value]>(name, args, kwargs, 1, (v) => v);
    if (typeof x === 'number' || typeof x === 'bigint') return x;
    if (x instanceof Float) {
      const r = f(x.v);
      if (Number.isNaN(r)) throw new StarlarkError('cannot convert float NaN to integer');
      if (!Number.isFinite(r)) throw new StarlarkError('cannot convert float infinity to integer');
      return floatToInt(r);
    }
    throw new StarlarkError(`got ${typeName(x!)}, want float or int`);
  };
}

/** Go's math.Round: half away from zero. */
function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

/** Go's math.Pow special cases where JS differs. */
function pow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

/** IEEE 754 remainder (Go's math.Remainder): x - n*y with n the nearest integer, ties even. */
function remainder(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y) || !Number.isFinite(x) || y === 0) return Number.NaN;
  if (!Number.isFinite(y)) return x;
  const ay = Math.abs(y);
  let r = Math.abs(x) % ay;
  if (2 * r > ay || (2 * r === ay && Math.trunc(Math.abs(x) / ay) % 2 === 1)) r -= ay;
  return x < 0 ? -r : r;
}

const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

function gamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x === 0) return Object.is(x, -0) ? -Infinity : Infinity;
  if (x < 0 && Number.isInteger(x)) return Number.NaN;
  if (Number.isInteger(x) && x <= 171) {
    let f = 1;
    for (let i = 2; i < x; i++) f *= i;
    return f;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return Math.sqrt(2 * Math.PI) * t ** (z + 0.5) * Math.exp(-t) * a;
}

const log: BuiltinImpl = (_t, args, kwargs) => {
  const [x, base = Math.E] = unpackPositional<[number, number]>(
    'log',
    args,
    kwargs,
    1,
    floatOrInt,
    floatOrInt,
  );
  if (base === 1) throw new StarlarkError('division by zero');
  return new Float(base === Math.E ? Math.log(x!) : Math.log(x!) / Math.log(base));
};

export function makeMathModule(): Value {
  const fns: Array<[string, BuiltinImpl]> = [
    ['ceil', rounding('ceil', Math.ceil)],
    [
      'copysign',
      binary('copysign', (x, y) => (y < 0 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x))),
    ],
    ['fabs', unary('fabs', Math.abs)],
    ['floor', rounding('floor', Math.floor)],
    ['mod', binary('mod', (x, y) => x % y)],
    ['pow', binary('pow', pow)],
    ['remainder', binary('remainder', remainder)],
    ['round', unary('round', round)],
    ['exp', unary('exp', Math.exp)],
    ['sqrt', unary('sqrt', Math.sqrt)],
    ['acos', unary('acos', Math.acos)],
    ['asin', unary('asin', Math.asin)],
    ['atan', unary('atan', Math.atan)],
    ['atan2', binary('atan2', Math.atan2)],
    ['cos', unary('cos', Math.cos)],
    ['hypot', binary('hypot', Math.hypot)],
    ['sin', unary('sin', Math.sin)],
    ['tan', unary('tan', Math.tan)],
    ['degrees', unary('degrees', (x) => (360 * x) / (2 * Math.PI))],
    ['radians', unary('radians', (x) => (2 * Math.PI * x) / 360)],
    ['acosh', unary('acosh', Math.acosh)],
    ['asinh', unary('asinh', Math.asinh)],
    ['atanh', unary('atanh', Math.atanh)],
    ['cosh', unary('cosh', Math.cosh)],
    ['sinh', unary('sinh', Math.sinh)],
    ['tanh', unary('tanh', Math.tanh)],
    ['log', log],
    ['gamma', unary('gamma', gamma)],
  ];
  const m = new Map<string, Value>(fns.map(([n, f]) => [n, new Builtin(n, f)]));
  m.set('e', new Float(Math.E));
  m.set('pi', new Float(Math.PI));
  return new Module('math', m);
}
