import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ANNOTATIONS,
  API_VERSION,
  type ApiObject,
  type ApiObjectsByKind,
  type Cmd,
  KIND_NAMES,
  KIND_PLURALS,
  type Kind,
  TRIGGER_MODES,
  type View,
  WELL_KNOWN_NAMES,
} from './index.ts';

describe('KIND_NAMES', () => {
  it('lists each of the 22 kinds exactly once', () => {
    expect(KIND_NAMES).toHaveLength(22);
    expect(new Set(KIND_NAMES).size).toBe(KIND_NAMES.length);
  });

  it('has a plural resource name for every kind, each distinct and lower case', () => {
    expect(Object.keys(KIND_PLURALS).sort()).toEqual([...KIND_NAMES].sort());
    const plurals = Object.values(KIND_PLURALS);
    expect(new Set(plurals).size).toBe(plurals.length);
    for (const plural of plurals) expect(plural).toMatch(/^[a-z]+s$/);
    expect(KIND_PLURALS.KubernetesApply).toBe('kubernetesapplys');
    expect(KIND_PLURALS.KubernetesDiscovery).toBe('kubernetesdiscoveries');
    expect(KIND_PLURALS.FileWatch).toBe('filewatches');
  });

  it('matches the kinds of the ApiObject union', () => {
    expectTypeOf<Kind>().toEqualTypeOf<keyof ApiObjectsByKind>();
    expectTypeOf<ApiObject['kind']>().toEqualTypeOf<Kind>();
  });
});

describe('constants', () => {
  it('uses the tilt.dev/v1alpha1 group version', () => {
    expect(API_VERSION).toBe('tilt.dev/v1alpha1');
  });

  it('keeps the annotation keys Tilt writes', () => {
    expect(ANNOTATIONS).toEqual({
      resource: 'tilt.dev/resource',
      targetId: 'tilt.dev/target-id',
      managedBy: 'tilt.dev/managed-by',
      logSpanId: 'tilt.dev/log-span-id',
      buttonType: 'tilt.dev/uibutton-type',
      updateMode: 'tilt.dev/update-mode',
      downPolicy: 'tilt.dev/down-policy',
    });
  });

  it('numbers trigger modes as Tilt does', () => {
    expect(TRIGGER_MODES).toEqual({
      auto: 0,
      manualWithAutoInit: 1,
      manual: 2,
      autoWithManualInit: 3,
    });
    expect(WELL_KNOWN_NAMES.mainTiltfile).toBe('(Tiltfile)');
  });
});

describe('object types', () => {
  it('narrows ApiObject by kind', () => {
    const objects: ApiObject[] = [
      {
        apiVersion: API_VERSION,
        kind: 'Cmd',
        metadata: { name: 'web:update', annotations: { [ANNOTATIONS.resource]: 'web' } },
        spec: { args: ['make', 'build'], readinessProbe: { httpGet: { port: 8080 } } },
        status: { running: { pid: 42 }, ready: true },
      },
      {
        apiVersion: API_VERSION,
        kind: 'ConfigMap',
        metadata: { name: 'web-disable' },
        data: { [WELL_KNOWN_NAMES.disableKey]: 'false' },
      },
    ];
    const cmds = objects.filter((o): o is Cmd => o.kind === 'Cmd');
    expect(cmds.map((c) => c.spec.args)).toEqual([['make', 'build']]);
  });

  it('round-trips a view through JSON', () => {
    const view: View = {
      isComplete: true,
      uiResources: [
        {
          apiVersion: API_VERSION,
          kind: 'UIResource',
          metadata: { name: 'web' },
          spec: {},
          status: { runtimeStatus: 'ok', updateStatus: 'in_progress', triggerMode: 0 },
        },
      ],
      logList: {
        spans: { 'pod:web-1': { manifestName: 'web' } },
        segments: [{ spanId: 'pod:web-1', text: 'listening\n', level: 'INFO' }],
        fromCheckpoint: 0,
        toCheckpoint: 1,
      },
    };
    const parsed = JSON.parse(JSON.stringify(view)) as View;
    expect(parsed).toEqual(view);
  });
});
