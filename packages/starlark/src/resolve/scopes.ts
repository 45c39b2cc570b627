// Scopes of the resolver: blocks, bindings, and the lookups that turn each name use into a
// local, cell, free, global, predeclared or universal binding (starlark-go's resolve.go rules).

import { formatPosition, type Position, StaticError, StaticErrorList } from '../errors.ts';
import { nearest } from '../spell.ts';
import * as ast from '../syntax/ast.ts';
import type { FileOptions } from '../syntax/options.ts';
import { Block, type Use } from './block.ts';

export const DOESNT = 'this Starlark dialect does not ';

export type NamePredicate = (name: string) => boolean;

export class Scopes {
  protected readonly options: FileOptions;
  private readonly isPredeclared: NamePredicate;
  private readonly isUniversal: NamePredicate;
  protected readonly file: Block;
  /** The current block, innermost. */
  protected env: Block;
  private readonly moduleLocals: ast.Binding[] = [];
  private readonly moduleGlobals: ast.Binding[] = [];
  private readonly globals = new Map<string, ast.Binding>();
  /** Memoized predeclared and universal bindings. */
  private readonly predeclared = new Map<string, ast.Binding>();
  /** Every function, to compute their cells once all closures are known. */
  protected readonly functions: ast.FunctionInfo[] = [];
  private readonly errors: StaticError[] = [];

  constructor(options: FileOptions, isPredeclared: NamePredicate, isUniversal: NamePredicate) {
    this.options = options;
    this.isPredeclared = isPredeclared;
    this.isUniversal = isUniversal;
    this.file = new Block(null, null, null);
    this.env = this.file;
  }

  errorf(pos: Position, msg: string): void {
    this.errors.push(new StaticError(pos, msg));
  }

  throwErrors(): void {
    if (this.errors.length > 0) throw new StaticErrorList(this.errors);
  }

  /** Resolves what is left at the end of the module and returns its metadata. */
  finish(): ast.ModuleInfo {
    this.file.resolveLocalUses();
    // Function bodies may refer to globals declared later, so non-local uses wait until now.
    this.resolveNonLocalUses(this.file);
    for (const fn of this.functions) fn.cells = cellsOf(fn.locals);
    return {
      locals: this.moduleLocals,
      cells: cellsOf(this.moduleLocals),
      globals: this.moduleGlobals,
    };
  }

  /** The innermost function block, or the file block. */
  protected container(): Block {
    for (let b: Block = this.env; ; b = b.parent as Block) {
      if (b.fn !== null || b === this.file) return b;
    }
  }

  protected atTopLevel(): boolean {
    return this.container().fn === null;
  }

  /**
   * Binds id: a global at top level (an error if already bound, unless globalReassign), a local
   * otherwise. Returns whether a binding already existed.
   */
  bind(id: ast.Ident): boolean {
    if (this.env !== this.file) return this.bindLocal(id);
    let bind = this.file.bindings.get(id.name) ?? this.globals.get(id.name);
    const existed = bind !== undefined;
    if (bind === undefined) {
      bind = new ast.Binding('global', this.moduleGlobals.length, id);
      this.globals.set(id.name, bind);
      this.moduleGlobals.push(bind);
    }
    if (existed && !this.options.globalReassign) {
      const first = bind.first as ast.Ident;
      this.errorf(
        id.namePos,
        `cannot reassign ${bind.scope} ${id.name} declared at ${formatPosition(first.namePos)}`,
      );
    }
    id.binding = bind;
    return existed;
  }

  protected bindLocal(id: ast.Ident): boolean {
    const existed = this.env.bindings.has(id.name);
    if (!existed) {
      const fn = this.container().fn;
      const locals = fn !== null ? fn.locals : this.moduleLocals;
      const bind = new ast.Binding('local', locals.length, id);
      this.env.bindings.set(id.name, bind);
      locals.push(bind);
    }
    this.use(id);
    return existed;
  }

  protected use(id: ast.Ident): void {
    const use: Use = { id, env: this.env };
    // With globalReassign, a top-level use is resolved at its point of use (legacy Bazel/Python
    // order): `print(len); len = 1; print(len)` sees the builtin, then the global.
    if (this.options.globalReassign && this.env === this.file) {
      this.useToplevel(use);
      return;
    }
    this.container().uses.push(use);
  }

  /** Resolves a use of a name visible at top level: file-local, global, predeclared, universal. */
  private useToplevel(use: Use): ast.Binding {
    const id = use.id;
    const name = id.name;
    let bind = this.file.bindings.get(name) ?? this.globals.get(name) ?? this.predeclared.get(name);
    if (bind === undefined) {
      if (this.isPredeclared(name)) {
        bind = new ast.Binding('predeclared', 0, null);
        this.predeclared.set(name, bind);
      } else if (this.isUniversal(name)) {
        if (!this.options.set && name === 'set') this.errorf(id.namePos, `${DOESNT}support sets`);
        bind = new ast.Binding('universal', 0, null);
        this.predeclared.set(name, bind);
      } else {
        bind = new ast.Binding('undefined', 0, null);
        const hint = this.spellcheck(use);
        this.errorf(
          id.namePos,
          `undefined: ${name}${hint !== '' ? ` (did you mean ${hint}?)` : ''}`,
        );
      }
    }
    id.binding = bind;
    return bind;
  }

  private spellcheck(use: Use): string {
    const names: string[] = [];
    for (let b: Block | null = use.env; b !== null; b = b.parent) names.push(...b.bindings.keys());
    for (const g of this.moduleGlobals) names.push((g.first as ast.Ident).name);
    names.sort();
    return nearest(use.id.name, names);
  }

  // Children first, so inner functions capture through their enclosing functions.
  private resolveNonLocalUses(b: Block): void {
    const children = b.children;
    for (let i = 0; i < children.length; i++) this.resolveNonLocalUses(children[i] as Block);
    const uses = b.uses;
    for (let i = 0; i < uses.length; i++) {
      const use = uses[i] as Use;
      use.id.binding = this.lookupLexical(use, use.env);
    }
  }

  private lookupLexical(use: Use, env: Block): ast.Binding {
    if (env === this.file) return this.useToplevel(use);
    const name = use.id.name;
    let bind = env.bindings.get(name);
    if (bind === undefined) {
      bind = this.lookupLexical(use, env.parent as Block);
      const fn = env.fn;
      if (
        fn !== null &&
        (bind.scope === 'local' || bind.scope === 'free' || bind.scope === 'cell')
      ) {
        // Found in an enclosing function: capture it as a free variable of this one, and make
        // the enclosing local a cell.
        if (bind.scope === 'local') bind.scope = 'cell';
        const index = fn.freeVars.length;
        fn.freeVars.push(bind);
        bind = new ast.Binding('free', index, bind.first);
      }
      // Memoize: at most one free variable per name, and no repeated failing global lookups.
      env.bindings.set(name, bind);
    }
    return bind;
  }
}

function cellsOf(locals: readonly ast.Binding[]): number[] {
  const cells: number[] = [];
  locals.forEach((b, i) => {
    if (b.scope === 'cell') cells.push(i);
  });
  return cells;
}
