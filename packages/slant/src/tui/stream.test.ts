import { describe, expect, it } from 'vitest';
import type { FilterableLine } from '../logs/filter.ts';
import { colorIndex, colorsWanted, makeColors } from './colors.ts';
import { formatStreamLine } from './stream.ts';

const ALL = { resources: [], source: 'all' as const };
const line = (resource: string, text: string, spanId = 'pod:x'): FilterableLine => ({
  resource,
  spanId,
  level: 'INFO',
  time: '2024-01-01T00:00:00Z',
  text,
});

describe('stream mode lines', () => {
  it("right-aligns the name in Tilt's 13 columns and cuts longer names with …", () => {
    const plain = { filter: ALL, colors: makeColors(false) };
    expect(formatStreamLine(line('web', 'hi'), plain)).toBe('          web │ hi\n');
    expect(formatStreamLine(line('a-very-long-resource', 'hi'), plain)).toBe(
      'a-very-long-… │ hi\n',
    );
    expect(formatStreamLine(line('', 'Loading Tiltfile'), plain)).toBe('Loading Tiltfile\n');
    expect(formatStreamLine(line('(Tiltfile)', 'x'), plain)).toBe('x\n');
  });

  it('prints "WARNING: " or "ERROR: " before the first line of a warning or an error', () => {
    const plain = { filter: ALL, colors: makeColors(false) };
    const err = { ...line('web', 'Build Failed: boom'), level: 'ERROR' as const, anchor: true };
    expect(formatStreamLine(err, plain)).toBe('          web │ ERROR: Build Failed: boom\n');
    const warn = { ...line('', 'something looks off'), level: 'WARN' as const, anchor: true };
    expect(formatStreamLine(warn, plain)).toBe('WARNING: something looks off\n');
    const rest = { ...line('web', '  at x'), level: 'ERROR' as const };
    expect(formatStreamLine(rest, plain)).toBe('          web │   at x\n');
  });

  it('colours the prefix with the colour of the resource, the same on every line', () => {
    const opts = { filter: ALL, colors: makeColors(true) };
    const code = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94][colorIndex('web')];
    expect(formatStreamLine(line('web', 'hi'), opts)).toBe(
      `\u001b[${code}m          web │ \u001b[0mhi\n`,
    );
    expect(colorIndex('web')).toBe(colorIndex('web'));
    expect(new Set(['web', 'api', 'db', 'worker', 'cache'].map(colorIndex)).size).toBeGreaterThan(
      1,
    );
  });

  it('hides what --log-level / --log-source / --log-resource filter out', () => {
    const colors = makeColors(false);
    const onlyDb = { filter: { ...ALL, resources: ['db'] }, colors };
    expect(formatStreamLine(line('web', 'hi'), onlyDb)).toBeUndefined();
    expect(formatStreamLine(line('db', 'up'), onlyDb)).toBe('up\n');
    const two = { filter: { ...ALL, resources: ['db', 'web'] }, colors };
    expect(formatStreamLine(line('db', 'up'), two)).toBe('           db │ up\n');
    const builds = { filter: { ...ALL, source: 'build' as const }, colors };
    expect(formatStreamLine(line('web', 'hi', 'pod:web:p'), builds)).toBeUndefined();
    expect(formatStreamLine(line('web', 'step', 'build:web:1'), builds)).toBe(
      '          web │ step\n',
    );
  });

  it('colours a TTY unless NO_COLOR; FORCE_COLOR wins', () => {
    expect(colorsWanted(true, {})).toBe(true);
    expect(colorsWanted(false, {})).toBe(false);
    expect(colorsWanted(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorsWanted(false, { FORCE_COLOR: '1' })).toBe(true);
  });
});
