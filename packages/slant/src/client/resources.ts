// Resource types and names as kubectl reads them on the command line: `uiresource`,
// `uiresources`, `UIResource`, `uiresources.tilt.dev`, and `TYPE/NAME` pairs.
import { KIND_NAMES, KIND_PLURALS, type Kind } from '@slant/api';
import { UserError } from '../errors.ts';

/** The kind a user's type word names, or undefined. */
export function kindOf(word: string): Kind | undefined {
  const w = word.toLowerCase().replace(/\.tilt\.dev$/, '');
  return KIND_NAMES.find((k) => k.toLowerCase() === w || KIND_PLURALS[k] === w);
}

/** kubectl's error for a type the server doesn't serve. */
export function requireKind(word: string): Kind {
  const kind = kindOf(word);
  if (kind === undefined) {
    throw new UserError(
      'unknown-type',
      `error: the server doesn't have a resource type "${word}"`,
      `Run "slant api-resources" for the list of types.`,
    );
  }
  return kind;
}

/** `uiresource.tilt.dev`, how kubectl names a kind's objects in its messages. */
export function singularQualified(kind: Kind): string {
  return `${kind.toLowerCase()}.tilt.dev`;
}

export interface ObjectRef {
  readonly kind: Kind;
  readonly name: string;
}

/**
 * The objects a `TYPE NAME...` or `TYPE/NAME...` argument list names. `names` is empty when
 * only a type was given.
 */
export function parseTypeArgs(args: readonly string[]): { kind: Kind; names: string[] } {
  const [first, ...rest] = args;
  if (first === undefined) {
    throw new UserError(
      'bad-args',
      'You must specify the type of resource to get. Use "slant api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.',
    );
  }
  if (!first.includes('/')) return { kind: requireKind(first), names: rest };
  const refs = args.map(parseRef);
  const kind = refs[0]!.kind;
  if (refs.some((r) => r.kind !== kind)) {
    throw new UserError('bad-args', 'error: all resources must be of the same type');
  }
  return { kind, names: refs.map((r) => r.name) };
}

export function parseRef(arg: string): ObjectRef {
  const slash = arg.indexOf('/');
  if (slash < 0) {
    throw new UserError(
      'bad-args',
      `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'slant get resource/<resource_name>' instead of 'slant get resource resource/<resource_name>'`,
    );
  }
  return { kind: requireKind(arg.slice(0, slash)), name: arg.slice(slash + 1) };
}

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** Names close to `name` (edit distance within a third of its length, or sharing a prefix). */
export function closeMatches(name: string, candidates: readonly string[]): string[] {
  const max = Math.max(2, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  return candidates
    .map((c) => ({ c, d: distance(lower, c.toLowerCase()) }))
    .filter(
      ({ c, d }) =>
        d <= max ||
        (lower.length >= 3 &&
          (c.toLowerCase().startsWith(lower) || c.toLowerCase().includes(lower))),
    )
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .map(({ c }) => c);
}

/** Tilt's `no such resource "x"`, with the close matches as the hint. */
export function noSuchResource(name: string, known: readonly string[]): UserError {
  const close = closeMatches(name, known);
  const hint =
    close.length > 0
      ? `Did you mean: ${close.map((c) => `"${c}"`).join(', ')}?`
      : `Resources: ${known.map((c) => `"${c}"`).join(', ')}`;
  return new UserError('unknown-resource', `no such resource "${name}"`, hint);
}
