import { describe, expect, it } from 'vitest';
import { apiSupportsBuildkit } from './client-node.ts';

describe('NodeDockerClient', () => {
  it("uses BuildKit from engine API 1.39 on, as Tilt's SupportsBuildkit", () => {
    expect(['1.38', '1.39', '1.41', '2.0', 'v1.40', '', 'junk'].map(apiSupportsBuildkit)).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
