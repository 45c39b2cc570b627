// The patch types PATCH takes, by Content-Type: a JSON merge patch, the strategic form of one
// (Tilt's types declare no patch strategies, so it merges the same; kubectl's default for
// `patch`), or a JSON patch. Server-side apply is not served.
import { applyJsonPatch } from './json-patch.ts';
import { applyMergePatch } from './merge-patch.ts';
import { HttpError } from './status.ts';

export type PatchKind = 'merge' | 'json';

/** The kind of patch a Content-Type names; checked before the body is read. */
export function patchKind(contentType: string): PatchKind {
  const type = contentType.split(';')[0]!.trim();
  if (type === 'application/merge-patch+json') return 'merge';
  if (type === 'application/strategic-merge-patch+json') return 'merge';
  if (type === 'application/json-patch+json') return 'json';
  throw new HttpError(415, 'UnsupportedMediaType', `the patch type "${type}" is not supported`);
}

export function applyPatch(current: unknown, kind: PatchKind, patch: unknown): unknown {
  return kind === 'merge' ? applyMergePatch(current, patch) : applyJsonPatch(current, patch);
}
