// Reading and writing variables: each resolved binding becomes a direct slot access.
import type { Position } from '../errors.ts';
import { StarlarkError } from '../errors.ts';
import type * as ast from '../syntax/ast.ts';
import type { Value } from '../values/index.ts';
import type { Compiler, ExprFn } from './compile.ts';
import type { Cell, Frame } from './frame.ts';

export type StoreFn = (fr: Frame, v: Value) => void;

function binding(id: ast.Ident): ast.Binding {
  if (id.binding === null) throw new Error(`compile: unresolved name ${id.name}`);
  return id.binding;
}

function unassigned(fr: Frame, pos: Position, kind: string, name: string): StarlarkError {
  fr.pos = pos;
  return new StarlarkError(`${kind} variable ${name} referenced before assignment`);
}

export function compileLookup(c: Compiler, id: ast.Ident): ExprFn {
  const b = binding(id);
  const pos = id.namePos;
  const name = id.name;
  const i = b.index;
  if (b.scope !== 'universal') c.setPos(pos); // (a universal lookup can't fail)
  c.emit();
  switch (b.scope) {
    case 'local':
      return (fr) => {
        const v = fr.locals[i] as Value | undefined;
        if (v === undefined) throw unassigned(fr, pos, 'local', name);
        return v;
      };
    case 'cell':
      return (fr) => {
        const v = (fr.locals[i] as Cell).v;
        if (v === undefined) throw unassigned(fr, pos, 'local', name);
        return v;
      };
    case 'free':
      return (fr) => {
        const v = (fr.free[i] as Cell).v;
        if (v === undefined) throw unassigned(fr, pos, 'local', name);
        return v;
      };
    case 'global':
      return (fr) => {
        const v = fr.globals[i];
        if (v === undefined) throw unassigned(fr, pos, 'global', name);
        return v;
      };
    case 'predeclared': {
      const slot = c.predeclaredSlot(name);
      return (fr) => {
        const v = fr.predeclared[slot];
        if (v === undefined) {
          fr.pos = pos;
          throw new StarlarkError(`internal error: predeclared variable ${name} is uninitialized`);
        }
        return v;
      };
    }
    case 'universal': {
      const v = c.env.universe.get(name);
      if (v === undefined) throw new Error(`compile: no universal ${name}`);
      return c.constant(v);
    }
    case 'undefined':
      throw new Error(`compile: undefined name ${name}`);
  }
}

/** A store into the variable named by id (local, cell or global). */
export function compileStore(id: ast.Ident): StoreFn {
  const b = binding(id);
  const i = b.index;
  switch (b.scope) {
    case 'local':
      return (fr, v) => {
        fr.locals[i] = v;
      };
    case 'cell':
      return (fr, v) => {
        (fr.locals[i] as Cell).v = v;
      };
    case 'global':
      return (fr, v) => {
        fr.globals[i] = v;
      };
    default:
      throw new Error(`compile: cannot assign ${b.scope} ${id.name}`);
  }
}
