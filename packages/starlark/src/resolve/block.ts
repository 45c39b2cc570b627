// Lexical blocks of the resolver: the file block at the root, with function and comprehension
// blocks nested in any order (as starlark-go's resolve.block).

import type { Binding, Comprehension, FunctionInfo, Ident } from '../syntax/ast.ts';

/** A name occurrence and the block it occurs in, kept until its binding can be decided. */
export interface Use {
  readonly id: Ident;
  readonly env: Block;
}

export class Block {
  readonly parent: Block | null;
  /** Set for function blocks only. */
  readonly fn: FunctionInfo | null;
  /** Set for comprehension blocks only. */
  readonly comp: Comprehension | null;
  /** Name → binding: local bindings, and memoized lookups of enclosing names. */
  readonly bindings = new Map<string, Binding>();
  readonly children: Block[] = [];
  /** Uses seen in this container (function or file) that are not yet resolved. */
  uses: Use[] = [];

  constructor(parent: Block | null, fn: FunctionInfo | null, comp: Comprehension | null) {
    this.parent = parent;
    this.fn = fn;
    this.comp = comp;
    if (parent !== null) parent.children.push(this);
  }

  /**
   * On leaving a container, resolves the uses that are locals of this very function (or file),
   * keeping only those that must be free, global, predeclared or universal.
   */
  resolveLocalUses(): void {
    const unresolved: Use[] = [];
    const uses = this.uses;
    for (let i = 0; i < uses.length; i++) {
      const use = uses[i] as Use;
      const bind = lookupLocal(use);
      if (bind !== null && (bind.scope === 'local' || bind.scope === 'cell')) use.id.binding = bind;
      else unresolved.push(use);
    }
    this.uses = unresolved;
  }
}

/** Looks a use up in the blocks of its innermost enclosing function (or the file). */
function lookupLocal(use: Use): Binding | null {
  for (let env: Block | null = use.env; env !== null; env = env.parent) {
    const bind = env.bindings.get(use.id.name);
    if (bind !== undefined) return bind;
    if (env.fn !== null) break;
  }
  return null;
}
