// Dialect options of a file, as starlark-go's syntax.FileOptions.

export interface FileOptions {
  readonly set: boolean; // allow references to the 'set' builtin
  readonly while: boolean; // allow 'while' statements
  readonly topLevelControl: boolean; // allow if/for/while statements at top level
  readonly globalReassign: boolean; // allow reassignment of top-level names
  readonly loadBindsGlobally: boolean; // load binds globals, not file-locals (deprecated)
  readonly recursion: boolean; // allow recursive calls (no static effect)
  // Scan Python's reserved words (class, import …) as an illegal token, as the starlark-go
  // version Tilt vendors does ("got illegal token"); HEAD names the word ("got class").
  readonly reservedWordsIllegal?: boolean;
}

export const DEFAULT_FILE_OPTIONS: FileOptions = Object.freeze({
  set: false,
  while: false,
  topLevelControl: false,
  globalReassign: false,
  loadBindsGlobally: false,
  recursion: false,
});

/** The options Tilt runs Tiltfiles with. */
export const TILT_FILE_OPTIONS: FileOptions = Object.freeze({
  set: true,
  while: true,
  topLevelControl: true,
  globalReassign: true,
  loadBindsGlobally: false,
  recursion: true,
  reservedWordsIllegal: true,
});
