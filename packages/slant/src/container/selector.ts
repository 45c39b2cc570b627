// Tilt's RefSelector: which image references a built image replaces. A name-only selector
// matches any tag of that name; a tagged selector (or an ImageMap with matchExact) only itself.
import {
  familiarName,
  familiarString,
  type ImageRef,
  parseNormalizedNamed,
  refName,
  refString,
  trimNamed,
} from './ref.ts';

export interface RefSelector {
  /** Undefined for the empty selector, which matches nothing. */
  readonly ref: ImageRef | undefined;
  readonly matchExact: boolean;
}

export const EMPTY_SELECTOR: RefSelector = { ref: undefined, matchExact: false };

/** `NewRefSelector`: exact match when the ref has a tag, else match by name. */
export function newRefSelector(ref: ImageRef): RefSelector {
  return { ref, matchExact: ref.tag !== undefined };
}

/** `NameSelector`: match any tag of the ref's name. */
export function nameSelector(ref: ImageRef): RefSelector {
  return newRefSelector(trimNamed(ref));
}

/** Parses a selector string as an image ref (familiar names allowed). */
export function parseSelector(s: string): RefSelector {
  return newRefSelector(parseNormalizedNamed(s));
}

/** `SelectorFromImageMap`: an ImageMap's `selector` and `matchExact`. */
export function selectorFromImageMap(spec: {
  selector: string;
  matchExact?: boolean;
}): RefSelector {
  let ref: ImageRef;
  try {
    ref = parseNormalizedNamed(spec.selector);
  } catch (err) {
    throw new Error(`parsing image map spec (${spec.selector}): ${(err as Error).message}`);
  }
  return { ref, matchExact: spec.matchExact === true };
}

export function withNameMatch(s: RefSelector): RefSelector {
  return { ...s, matchExact: false };
}

export function withExactMatch(s: RefSelector): RefSelector {
  return { ...s, matchExact: true };
}

/** Whether `toMatch` is selected: same name, or for exact selectors the same full string. */
export function selectorMatches(s: RefSelector, toMatch: ImageRef): boolean {
  const ref = s.ref;
  if (ref === undefined) return false;
  // In the same domain the strings compare field by field, without building them (assembly
  // matches every image against every build).
  if (ref.domain === toMatch.domain) {
    if (ref.path !== toMatch.path) return false;
    return !s.matchExact || (ref.tag === toMatch.tag && ref.digest === toMatch.digest);
  }
  if (!s.matchExact) return refName(toMatch) === refName(ref);
  return refString(toMatch) === refString(ref);
}

export function selectorMatchesAny(s: RefSelector, refs: readonly ImageRef[]): boolean {
  return refs.some((r) => selectorMatches(s, r));
}

/** `AnyMatch`: some ref is selected by some selector. */
export function anyMatch(refs: readonly ImageRef[], selectors: readonly RefSelector[]): boolean {
  return refs.some((r) => selectors.some((s) => selectorMatches(s, r)));
}

export function refsEqual(a: RefSelector, b: RefSelector): boolean {
  return selectorString(a) === selectorString(b);
}

export function selectorString(s: RefSelector): string {
  return s.ref === undefined ? '' : refString(s.ref);
}

export function selectorRefName(s: RefSelector): string {
  return s.ref === undefined ? '' : refName(s.ref);
}

export function selectorFamiliarName(s: RefSelector): string {
  return s.ref === undefined ? '' : familiarName(s.ref);
}

export function selectorFamiliarString(s: RefSelector): string {
  return s.ref === undefined ? '' : familiarString(s.ref);
}

/** `AsNamedOnly`: the selector's ref without its tag. */
export function asNamedOnly(s: RefSelector): ImageRef | undefined {
  return s.ref === undefined ? undefined : trimNamed(s.ref);
}
