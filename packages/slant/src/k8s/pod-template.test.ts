import { describe, expect, test } from 'vitest';
import {
  hashPodTemplateSpec,
  injectPodTemplateSpecHashes,
  readPodTemplateSpecHashes,
} from './pod-template.ts';
import { deployment, object } from './testdata.ts';

describe('pod template hashes', () => {
  test('are 20 hex characters, stable across key order, changed by content', () => {
    const a = hashPodTemplateSpec({ metadata: { labels: { x: '1' } }, spec: { containers: [] } });
    const b = hashPodTemplateSpec({ spec: { containers: [] }, metadata: { labels: { x: '1' } } });
    const c = hashPodTemplateSpec({ metadata: { labels: { x: '2' } }, spec: { containers: [] } });
    expect(a).toMatch(/^[0-9a-f]{20}$/);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  test('are injected as a template label and read back', () => {
    const d = deployment('web');
    const out = injectPodTemplateSpecHashes(d);
    const [hash] = readPodTemplateSpecHashes(out);
    expect(hash).toMatch(/^[0-9a-f]{20}$/);
    expect(readPodTemplateSpecHashes(d)).toEqual(['']);
    const image = injectPodTemplateSpecHashes(deployment('web', { image: 'other' }));
    expect(readPodTemplateSpecHashes(image)[0]).not.toBe(hash);
  });

  test('objects without templates are unchanged', () => {
    const cm = object('ConfigMap', 'c');
    expect(injectPodTemplateSpecHashes(cm)).toEqual(cm);
    expect(readPodTemplateSpecHashes(cm)).toEqual([]);
  });
});
