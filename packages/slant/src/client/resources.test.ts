import { describe, expect, it } from 'vitest';
import { closeMatches, kindOf, noSuchResource, parseTypeArgs } from './resources.ts';

describe('resource types on the command line', () => {
  it('accepts the kind, its singular and plural, any case, with or without the group', () => {
    for (const w of [
      'UIResource',
      'uiresource',
      'uiresources',
      'UIResources',
      'uiresources.tilt.dev',
    ]) {
      expect(kindOf(w)).toBe('UIResource');
    }
    expect(kindOf('uir')).toBeUndefined();
  });

  it('reads TYPE NAME... and TYPE/NAME... forms', () => {
    expect(parseTypeArgs(['cmd', 'a', 'b'])).toEqual({ kind: 'Cmd', names: ['a', 'b'] });
    expect(parseTypeArgs(['cmd/a', 'cmds/b'])).toEqual({ kind: 'Cmd', names: ['a', 'b'] });
    expect(() => parseTypeArgs(['nope'])).toThrow(
      'error: the server doesn\'t have a resource type "nope"',
    );
    expect(() => parseTypeArgs([])).toThrow(
      'You must specify the type of resource to get. Use "slant api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.',
    );
    expect(() => parseTypeArgs(['cmd/a', 'filewatch/b'])).toThrow(
      'error: all resources must be of the same type',
    );
  });
});

describe('closeMatches', () => {
  it('suggests names within a small edit distance or containing the input', () => {
    const names = ['frontend', 'backend', 'database', 'frontend-tests'];
    expect(closeMatches('fronted', names)).toEqual(['frontend']);
    expect(closeMatches('front', names)).toEqual(['frontend', 'frontend-tests']);
    expect(closeMatches('zzz', names)).toEqual([]);
  });

  it('lists every resource when nothing is close', () => {
    const err = noSuchResource('zzz', ['a', 'b']);
    expect([err.message, err.hint]).toEqual(['no such resource "zzz"', 'Resources: "a", "b"']);
  });
});
