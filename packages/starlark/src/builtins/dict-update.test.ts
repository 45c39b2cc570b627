import { describe, expect, it } from 'vitest';
import { Dict } from '../values/dict.ts';
import { StarObject } from '../values/object.ts';
import type { Value } from '../values/object.ts';
import { repr } from '../values/repr.ts';
import { updateDict } from './dict-update.ts';

/** A host mapping (like Tilt's os.environ): not iterable as pairs, but has Items(). */
class HostMapping extends StarObject {
  get type(): string {
    return 'hostmap';
  }
  override get isMapping(): boolean {
    return true;
  }
  override get(k: Value): Value | undefined {
    return k === 'a' ? '1' : undefined;
  }
  override mappingItems(): Array<readonly [Value, Value]> {
    return [['a', '1']];
  }
}

describe('updateDict', () => {
  it('copies the items of a host IterableMapping, then keyword arguments', () => {
    const d = new Dict();
    updateDict(d, [new HostMapping()], [['b', 2]]);
    expect(repr(d)).toBe('{"a": "1", "b": 2}');
  });
});
