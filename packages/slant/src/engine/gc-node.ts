// The real collection for the IdleCollector: V8's gc() in its "last-resort" flavour, the one V8
// runs before giving up on memory: it compacts every page and hands the free ones back, where a
// plain full collection leaves the heap's pages as they are.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (opts: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

export function v8FullCollection(): () => void {
  // --expose-gc gives contexts created afterwards a gc(); one small context (~0.2 MB) is made for
  // it, and later contexts (the vm module's users) get none.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as GcFunction;
  setFlagsFromString('--no-expose-gc');
  return () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
