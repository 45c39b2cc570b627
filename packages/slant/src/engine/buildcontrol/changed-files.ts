// Changed files as Tilt lists them in logs and messages (FormatFileChangeList): at most five,
// relative to the cwd when inside it, then `...`; `[a b c]`.
import { relative } from 'node:path';

const MAX_FILES_SHOWN = 5;

export function changedFilesText(files: readonly string[], cwd: string): string {
  const shown = files.slice(0, MAX_FILES_SHOWN).map((f) => {
    const rel = relative(cwd, f);
    return rel.startsWith('..') ? f : rel;
  });
  if (files.length > MAX_FILES_SHOWN) shown.push('...');
  return `[${shown.join(' ')}]`;
}
