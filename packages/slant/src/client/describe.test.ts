import type { Cmd, ConfigMap } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { describeObject, smartLabel } from './describe.ts';

describe('describeObject', () => {
  it('turns keys into kubectl labels', () => {
    expect(smartLabel('creationTimestamp')).toBe('Creation Timestamp');
    expect(smartLabel('apiVersion')).toBe('API Version');
    expect(smartLabel('spanID')).toBe('Span ID');
    expect(smartLabel('uid')).toBe('UID');
    expect(smartLabel('pid')).toBe('Pid');
    expect(smartLabel('0-name')).toBe('0-name');
    expect(smartLabel('podIP')).toBe('Pod IP');
  });

  it('prints the generic describer layout', () => {
    const cm: ConfigMap = {
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'ConfigMap',
      metadata: {
        name: 'web-disable',
        labels: { b: '2', a: '1' },
        creationTimestamp: '2024-01-01T00:00:00Z',
      },
      data: { isDisabled: 'false' },
    };
    expect(describeObject(cm)).toBe(
      [
        'Name:         web-disable',
        'Namespace:    ',
        'Labels:       a=1',
        '              b=2',
        'Annotations:  <none>',
        'API Version:  tilt.dev/v1alpha1',
        'Data:',
        '  Is Disabled:  false',
        // Go's tab writer aligns a run of key/value lines, whatever their indent.
        'Kind:           ConfigMap',
        'Metadata:',
        '  Creation Timestamp:  2024-01-01T00:00:00Z',
        '',
      ].join('\n'),
    );
  });

  it('lists scalar items under their key, one level deeper, unaligned', () => {
    const cmd: Cmd = {
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'Cmd',
      metadata: { name: 'web:update' },
      spec: { args: ['sh', '-c', 'make'], dir: '/app' },
    };
    expect(describeObject(cmd)).toBe(
      [
        'Name:         web:update',
        'Namespace:    ',
        'Labels:       <none>',
        'Annotations:  <none>',
        'API Version:  tilt.dev/v1alpha1',
        'Kind:         Cmd',
        'Metadata:',
        'Spec:',
        '  Args:',
        '    sh',
        '    -c',
        '    make',
        '  Dir:  /app',
        '',
      ].join('\n'),
    );
  });
});
