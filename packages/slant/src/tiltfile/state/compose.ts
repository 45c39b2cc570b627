// The compose section of TiltfileState. Owner: the BUILD+LOCAL engineer (placeholder by FRAMEWORK:
// replace the body freely; keep the names ComposeState and newComposeState, which state.ts imports).

// biome-ignore lint/suspicious/noEmptyInterface: filled in by the section's owner
export interface ComposeState {}

export function newComposeState(): ComposeState {
  return {};
}
