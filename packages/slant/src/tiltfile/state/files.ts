// The files section of TiltfileState: what the Tiltfile read or asked to watch. Every path here
// becomes a watched "config file": a change re-runs the Tiltfile.

export interface FilesState {
  /** Absolute paths, in first-read order (a Set keeps insertion order and drops repeats). */
  readonly configFiles: Set<string>;
}

export function newFilesState(): FilesState {
  return { configFiles: new Set() };
}
