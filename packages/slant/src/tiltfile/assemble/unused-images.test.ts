import { describe, expect, test } from 'vitest';
import { runK8s, WEB_YAML } from '../k8s-test-util.ts';
import { closestN } from './unused-images.ts';

describe('closestN (closestmatch)', () => {
  test('ranks candidates by shared substrings; no overlap gives nothing', () => {
    expect(closestN(['web-image', 'api-image', 'db'], 'web-imag', 3)).toEqual([
      'web-image',
      'api-image',
    ]);
    expect(closestN(['xyz'], 'abc', 3)).toEqual([]);
  });
});

describe('unused image warnings', () => {
  test('suppress_unused_image_warnings silences one image or all', () => {
    const files = { 'web.yaml': WEB_YAML, 'a/Dockerfile': 'FROM x\n' };
    const one = runK8s(
      "update_settings(suppress_unused_image_warnings=['unused'])\nk8s_yaml('web.yaml')\ndocker_build('unused', 'a')\n",
      { files },
    );
    expect(one.warnings).toEqual([]);
    const all = runK8s(
      "update_settings(suppress_unused_image_warnings='*')\nk8s_yaml('web.yaml')\ndocker_build('unused', 'a')\n",
      { files },
    );
    expect(all.warnings).toEqual([]);
  });
});
