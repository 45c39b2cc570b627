// Small pieces of Tilt's docker_builder.go: the content-hash tag and the build error cleanup.

/** The prefix of every content-hash tag. */
export const IMAGE_TAG_PREFIX = 'tilt-';

/** `tilt-` + the first 16 hex digits of the image id: the same image always gets the same tag. */
export function digestAsTag(imageId: string): string {
  const i = imageId.indexOf(':');
  const hex = i < 0 ? imageId : imageId.slice(i + 1);
  if (hex.length < 16) throw new Error(`digest too short: ${hex}`);
  return `${IMAGE_TAG_PREFIX}${hex.slice(0, 16)}`;
}

const CLEANUP: readonly [RegExp, string][] = [
  // "runc did not terminate sucessfully" (sic) repeats what "executor failed running" says.
  [/(executor failed running.*): runc did not terminate sucessfully/g, '$1'],
  [/failed to compute cache key: (.* not found): not found/g, '$1'],
  [
    /failed to compute cache key: (?:failed to walk [^ ]+): lstat (?:\/.*buildkit-[^/]*\/)?(.*: no such file or directory)/g,
    '$1',
  ],
];

const NOISE_PREFIXES = [
  'failed to solve with frontend dockerfile.v0: ',
  'failed to solve with frontend gateway.v0: ',
  'rpc error: code = Unknown desc = ',
  'failed to build LLB: ',
];

/** cleanupDockerBuildError: drops BuildKit noise users cannot act on. */
export function cleanupDockerBuildError(err: string): string {
  let s = err;
  // Go trims each prefix once, in order.
  for (const p of NOISE_PREFIXES) if (s.startsWith(p)) s = s.slice(p.length);
  for (const [re, rep] of CLEANUP) s = s.replace(re, rep);
  return s;
}
