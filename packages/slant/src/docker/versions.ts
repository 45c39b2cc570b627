// Docker engine API versions ("1.41") compared as Tilt compares them (semver, tolerant: missing
// parts are zero, a leading "v" is allowed), and the builder choice that depends on them.
import { DockerError } from './client.ts';

function parts(v: string): [number, number, number] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(v.trim());
  if (m === null) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/**
 * Whether `version` is older than `required`. A version that does not parse is never below: Tilt
 * lets the call go ahead and the daemon answer.
 */
export function apiVersionBelow(version: string, required: string): boolean {
  const a = parts(version);
  const b = parts(required);
  if (a === undefined || b === undefined) return false;
  for (let i = 0; i < 3; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y;
  }
  return false;
}

/** Tilt's SupportsBuildkit: API version 1.39 or newer (a version that does not parse: no). */
export function apiSupportsBuildkit(apiVersion: string): boolean {
  return parts(apiVersion) !== undefined && !apiVersionBelow(apiVersion, '1.39');
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * DOCKER_BUILDKIT as a Go boolean (strconv.ParseBool): undefined when unset, when the daemon's
 * version decides. Throws Docker's error for anything else.
 */
export function buildkitChoice(env: string): boolean | undefined {
  if (env === '') return undefined;
  if (GO_TRUE.has(env)) return true;
  if (GO_FALSE.has(env)) return false;
  throw new DockerError(
    `DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing ${JSON.stringify(env)}: invalid syntax`,
  );
}
