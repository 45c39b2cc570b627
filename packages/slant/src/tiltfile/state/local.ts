// The local section of TiltfileState. Owner: the BUILD+LOCAL engineer (placeholder by FRAMEWORK:
// replace the body freely; keep the names LocalState and newLocalState, which state.ts imports).

// biome-ignore lint/suspicious/noEmptyInterface: filled in by the section's owner
export interface LocalState {}

export function newLocalState(): LocalState {
  return {};
}
