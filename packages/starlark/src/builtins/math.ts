// The math module (lib/math).
import { StarlarkError } from '../errors.ts';
import { Builtin } from '../values/builtin.ts';
import type { BuiltinImpl } from '../values/builtin.ts';
import { typeName } from '../values/compare.ts';
import { floatToInt } from '../values/int.ts';
import type { Value } from '../values/object.ts';
import { Float } from '../values/primitives.ts';
import { Module } from '../values/struct.ts';
import { cpuHasFMA, goCosh, goExp, goLog, goSinh, goTanh } from './go-exp.ts';
import { goAcosh, goAsinh, goAtanh } from './go-log1p.ts';
import { goGamma, goPow } from './go-pow.ts';
import { goAcos, goAsin, goAtan, goAtan2, goCos, goSin, goTan } from './go-trig.ts';
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

/** Go's math.Remainder, step by step (so -0.0 stays -0.0 as in Go). */
function remainder(x: number, y: number): number {
  const TINY = 4.450147717014403e-308;
  const HALF_MAX = Number.MAX_VALUE / 2;
  if (Number.isNaN(x) || Number.isNaN(y) || !Number.isFinite(x) || y === 0) return Number.NaN;
  if (!Number.isFinite(y)) return x;
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (y < 0) y = -y;
  if (x === y) return sign ? -0 : 0;
  if (y <= HALF_MAX) x = x % (y + y);
  if (y < TINY) {
    if (x + x > y) {
      x -= y;
      if (x + x >= y) x -= y;
    }
  } else {
    const yHalf = 0.5 * y;
    if (x > yHalf) {
      x -= y;
      if (x >= yHalf) x -= y;
    }
  }
  return sign ? -x : x;
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
  return new Float(goLog(x!) / goLog(base));
};

export function makeMathModule(): Value {
  // Go's Exp takes an FMA path on CPUs that have it; results differ in the last bit. Asked on
  // first use, so making the module (at every start of a thread's host) reads no file.
  let hasFMA: boolean | undefined;
  const fma = (): boolean => (hasFMA ??= cpuHasFMA());
  const fns: Array<[string, BuiltinImpl]> = [
    ['ceil', rounding('ceil', Math.ceil)],
    [
      'copysign',
      binary('copysign', (x, y) => (y < 0 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x))),
    ],
    ['fabs', unary('fabs', Math.abs)],
    ['floor', rounding('floor', Math.floor)],
    ['mod', binary('mod', (x, y) => x % y)],
    ['pow', binary('pow', (x, y) => goPow(x, y, fma()))],
    ['remainder', binary('remainder', remainder)],
    ['round', unary('round', round)],
    ['exp', unary('exp', (x) => goExp(x, fma()))],
    ['sqrt', unary('sqrt', Math.sqrt)],
    ['acos', unary('acos', goAcos)],
    ['asin', unary('asin', goAsin)],
    ['atan', unary('atan', goAtan)],
    ['atan2', binary('atan2', goAtan2)],
    ['cos', unary('cos', goCos)],
    ['hypot', binary('hypot', Math.hypot)],
    ['sin', unary('sin', goSin)],
    ['tan', unary('tan', goTan)],
    ['degrees', unary('degrees', (x) => (360 * x) / (2 * Math.PI))],
    ['radians', unary('radians', (x) => (2 * Math.PI * x) / 360)],
    ['acosh', unary('acosh', goAcosh)],
    ['asinh', unary('asinh', goAsinh)],
    ['atanh', unary('atanh', goAtanh)],
    ['cosh', unary('cosh', (x) => goCosh(x, fma()))],
    ['sinh', unary('sinh', (x) => goSinh(x, fma()))],
    ['tanh', unary('tanh', (x) => goTanh(x, fma()))],
    ['log', log],
    ['gamma', unary('gamma', (x) => goGamma(x, fma()))],
  ];
  const m = new Map<string, Value>(fns.map(([n, f]) => [n, new Builtin(n, f)]));
  m.set('e', new Float(Math.E));
  m.set('pi', new Float(Math.PI));
  return new Module('math', m);
}
