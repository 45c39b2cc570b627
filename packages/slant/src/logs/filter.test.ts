import { describe, expect, it } from 'vitest';
import {
  type FilterableLine,
  jsonLogLine,
  matchesLogFilter,
  parseLogLevel,
  parseLogSource,
} from './filter.ts';

function line(
  resource: string,
  spanId: string,
  level: FilterableLine['level'] = 'INFO',
): FilterableLine {
  return { resource, spanId, level, time: '2024-01-01T00:00:05.123Z', text: 'x' };
}

describe('the log filter', () => {
  const all = { resources: [], source: 'all' as const };

  it('keeps lines of the named resources only', () => {
    const f = { ...all, resources: ['web'] };
    expect(matchesLogFilter(f, line('web', 'build:web:1'))).toBe(true);
    expect(matchesLogFilter(f, line('db', 'build:db:1'))).toBe(false);
  });

  it('tells build spans (build:, cmdimage:) from runtime ones', () => {
    const build = { ...all, source: parseLogSource('build') };
    const runtime = { ...all, source: parseLogSource('runtime') };
    expect(matchesLogFilter(build, line('web', 'cmdimage:web'))).toBe(true);
    expect(matchesLogFilter(build, line('web', 'pod:web:p1'))).toBe(false);
    expect(matchesLogFilter(runtime, line('web', 'pod:web:p1'))).toBe(true);
    expect(matchesLogFilter(runtime, line('web', 'build:web:2'))).toBe(false);
  });

  it('a level shows only lines of exactly that level, as in Tilt', () => {
    const warn = { ...all, level: parseLogLevel('warn')! };
    expect(matchesLogFilter(warn, line('a', 's', 'WARN'))).toBe(true);
    expect(matchesLogFilter(warn, line('a', 's', 'ERROR'))).toBe(false);
    expect(matchesLogFilter(warn, line('a', 's', 'INFO'))).toBe(false);
  });

  it('since drops older lines', () => {
    const f = { ...all, since: new Date('2024-01-01T00:00:06Z') };
    expect(matchesLogFilter(f, line('a', 's'))).toBe(false);
  });

  it('rejects unknown levels and sources', () => {
    expect(() => parseLogLevel('debug')).toThrow('invalid log level: debug');
    expect(() => parseLogSource('pods')).toThrow('invalid log source: pods');
  });

  it("prints Tilt's JSON line fields", () => {
    expect(jsonLogLine({ ...line('web', 'build:web:1', 'WARN'), text: 'hi' })).toBe(
      '{"time":"2024-01-01T00:00:05Z","resource":"web","level":"warn","message":"hi","spanID":"build:web:1","progressID":"","buildEvent":"","source":"build"}',
    );
    // Tilt's message is the line as its terminal prints it, marker included.
    const anchored = { ...line('web', 'build:web:1', 'WARN'), text: 'hi', anchor: true };
    expect(jsonLogLine(anchored)).toContain('"message":"WARNING: hi"');
  });
});
