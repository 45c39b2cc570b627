import { describe, expect, it } from 'vitest';
import { StarlarkError } from '../errors.ts';
import type { Value } from '../values/object.ts';
import { StarObject } from '../values/object.ts';
import { hasAttr } from './attr.ts';

/** A host value whose `ready` attribute fails when computed and whose `gone` lookup fails too. */
class Flaky extends StarObject {
  get type(): string {
    return 'flaky';
  }
  override attr(name: string): Value | undefined {
    if (name === 'ready' || name === 'gone') throw new StarlarkError(`cannot compute ${name}`);
    return name === 'ok' ? true : undefined;
  }
  override attrNames(): string[] {
    return ['ok', 'ready'];
  }
}

describe('hasattr', () => {
  it('answers from the attribute names when the lookup itself fails, as starlark-go does', () => {
    const x = new Flaky();
    expect(hasAttr(x, 'ok')).toBe(true);
    expect(hasAttr(x, 'ready')).toBe(true);
    expect(hasAttr(x, 'gone')).toBe(false);
    expect(hasAttr(x, 'missing')).toBe(false);
  });
});
