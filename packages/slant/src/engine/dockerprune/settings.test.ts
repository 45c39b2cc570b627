import type { Tiltfile } from '@slant/api';
import { API_VERSION } from '@slant/api';
import { describe, expect, test } from 'vitest';
import {
  DOCKER_PRUNE_ANNOTATION,
  dockerPruneAnnotation,
  readDockerPruneSettings,
} from './settings.ts';

function tiltfile(annotation?: string): Tiltfile {
  return {
    apiVersion: API_VERSION,
    kind: 'Tiltfile',
    metadata: {
      name: '(Tiltfile)',
      ...(annotation === undefined
        ? {}
        : { annotations: { [DOCKER_PRUNE_ANNOTATION]: annotation } }),
    },
    spec: { path: '/p/Tiltfile' },
  };
}

describe('docker prune settings on the Tiltfile', () => {
  test('read back as written', () => {
    const s = { enabled: false, maxAgeMins: -1, numBuilds: 3, intervalHrs: 1, keepRecent: 0 };
    expect(readDockerPruneSettings(tiltfile(dockerPruneAnnotation(s)))).toEqual(s);
  });

  test('are absent before a successful run and when unreadable: pruning stays off', () => {
    expect(readDockerPruneSettings(tiltfile())).toBeUndefined();
    expect(readDockerPruneSettings(undefined)).toBeUndefined();
    expect(readDockerPruneSettings(tiltfile('{'))).toBeUndefined();
  });
});
