// struct(**kwargs) and module(name, **kwargs): starlarkstruct.Make and MakeModule, for hosts
// (Tilt predeclares struct).
import { StarlarkError } from '../errors.ts';
import { Builtin } from '../values/builtin.ts';
import type { Value } from '../values/object.ts';
import { Module, Struct } from '../values/struct.ts';
import { P, unpackPositional } from './unpack.ts';

export function makeStructBuiltin(): Builtin {
  return new Builtin('struct', (_t, args, kwargs) => {
    if (args.length > 0) throw new StarlarkError('struct: unexpected positional arguments');
    return new Struct(kwargs ?? []);
  });
}

export function makeModuleBuiltin(): Builtin {
  return new Builtin('module', (_t, args, kwargs, _r, fn) => {
    const [name] = unpackPositional<[string]>(fn.name, args, null, 1, P.string);
    return new Module(name!, new Map<string, Value>(kwargs ?? []));
  });
}
