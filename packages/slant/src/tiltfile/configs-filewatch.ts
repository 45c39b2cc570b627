// The FileWatch that re-runs the Tiltfile: `configs:(Tiltfile)` watches every config file of the
// execution (Tilt's ToFileWatchObjects, its configs part), with the global ignores.
import type { FileWatch } from '@slant/api';
import { API_VERSION } from '@slant/api';
import { globalIgnores } from './assemble/ignores.ts';
import { sanitizeName } from './names.ts';
import type { TiltfileRun } from './run.ts';

/** model.MainTiltfileManifestName. */
export const MAIN_TILTFILE_NAME = '(Tiltfile)';

export function configsFileWatch(
  run: TiltfileRun,
  configFiles: readonly string[],
  tiltfileName = MAIN_TILTFILE_NAME,
): FileWatch {
  const id = `configs:${tiltfileName}`;
  const ignores = globalIgnores(run);
  return {
    apiVersion: API_VERSION,
    kind: 'FileWatch',
    metadata: {
      name: sanitizeName(id),
      annotations: { 'tilt.dev/resource': tiltfileName, 'tilt.dev/target-id': id },
    },
    spec: {
      watchedPaths: [...configFiles],
      ...(ignores.length > 0 ? { ignores } : {}),
    },
  };
}
