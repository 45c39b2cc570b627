// dict(...) and dict.update(...): a mapping or an iterable of pairs, then keyword arguments.
import { StarlarkError } from '../errors.ts';
import { len as lenOf, tryIterate } from '../values/access.ts';
import { typeName } from '../values/compare.ts';
import { Dict } from '../values/dict.ts';
import { StarObject } from '../values/object.ts';
import type { Value } from '../values/object.ts';
import { quote } from '../values/quote.ts';
import type { Kwargs } from '../values/thread.ts';

/** dict(...) / dict.update(...): a mapping or iterable of pairs, then kwargs. */
export function updateDict(d: Dict, args: readonly Value[], kwargs: Kwargs | null): void {
  if (args.length === 1) {
    const x = args[0]!;
    const items = x instanceof Dict || !(x instanceof StarObject) ? undefined : x.mappingItems();
    if (x instanceof Dict) {
      const es = [...x.ht.map.values()]; // a snapshot: d may be x
      for (let i = 0; i < es.length; i++) d.ht.insert(es[i]!.k, es[i]!.v);
    } else if (items !== undefined) {
      for (const [k, v] of items) d.ht.insert(k, v);
    } else {
      const it = tryIterate(x);
      if (it === undefined) throw new StarlarkError(`got ${typeName(x)}, want iterable`);
      try {
        for (let i = 0, pair = it.next(); pair !== undefined; i++, pair = it.next()) {
          const it2 = tryIterate(pair);
          if (it2 === undefined) {
            throw new StarlarkError(
              `dictionary update sequence element #${i} is not iterable (${typeName(pair)})`,
            );
          }
          try {
            const n = lenOf(pair);
            if (n < 0) {
              throw new StarlarkError(
                `dictionary update sequence element #${i} has unknown length (${typeName(pair)})`,
              );
            }
            if (n !== 2) {
              throw new StarlarkError(
                `dictionary update sequence element #${i} has length ${n}, want 2`,
              );
            }
            const k = it2.next()!;
            const v = it2.next()!;
            d.ht.insert(k, v);
          } finally {
            it2.done();
          }
        }
      } finally {
        it.done();
      }
    }
  }
  if (kwargs !== null && kwargs.length > 0) {
    const before = d.ht.size;
    for (let i = 0; i < kwargs.length; i++) d.ht.insert(kwargs[i]![0], kwargs[i]![1]);
    if (d.ht.size < before + kwargs.length) {
      const seen = new Set<string>();
      for (const [k] of kwargs) {
        if (seen.has(k)) throw new StarlarkError(`duplicate keyword arg: ${quote(k, false)}`);
        seen.add(k);
      }
    }
  }
}
