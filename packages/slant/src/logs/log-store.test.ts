import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.ts';
import { LogStore, levelPrefix, sourcePrefix } from './log-store.ts';

function store(maxLines?: number): LogStore {
  return new LogStore({ clock: new FakeClock(), ...(maxLines === undefined ? {} : { maxLines }) });
}

describe('LogStore', () => {
  it('completes partial lines per span before publishing them', () => {
    const s = store();
    const seen: string[] = [];
    s.subscribe((l) => seen.push(`${l.spanId}:${l.text}`));
    s.write({ resource: 'a', spanId: 'x', text: 'hel' });
    s.write({ resource: 'a', spanId: 'y', text: 'other\n' });
    s.write({ resource: 'a', spanId: 'x', text: 'lo\r\nworld\n' });
    expect(seen).toEqual(['y:other', 'x:hello', 'x:world']);
  });

  it('flush publishes lines still waiting for their newline', () => {
    const s = store();
    s.write({ resource: 'a', spanId: 'x', text: 'no newline' });
    expect(s.text()).toBe('');
    s.flush();
    expect(s.text()).toBe('no newline\n');
  });

  it('scrubs Secret values and their base64 form, but not values under 5 characters', () => {
    const s = store();
    s.addSecrets([
      { value: 'hunter22', valueEncoded: 'aHVudGVyMjI=', replacement: '[redacted secret db:pw]' },
      { value: 'abc', valueEncoded: 'YWJj', replacement: '[redacted secret db:short]' },
    ]);
    s.write({ resource: 'db', spanId: 'pod:db:p', text: 'pw=hunter22 b64=aHVudGVyMjI= abc\n' });
    expect(s.text('db')).toBe('pw=[redacted secret db:pw] b64=[redacted secret db:pw] abc\n');
  });

  it('reads by resource and after a sequence number', () => {
    const s = store();
    s.write({ resource: 'a', spanId: 's', text: '1\n2\n' });
    s.write({ resource: 'b', spanId: 's', text: '3\n' });
    expect(s.read({ resource: 'a' }).map((l) => l.text)).toEqual(['1', '2']);
    expect(s.read({ afterSeq: 2 }).map((l) => l.text)).toEqual(['3']);
  });

  it("anchors a warning's or an error's first line, as Tilt marks its segment", () => {
    const s = store();
    s.write({ resource: 'a', spanId: 's', text: 'Traceback:\n  at x\n', level: 'ERROR' });
    s.write({ resource: 'a', spanId: 's', text: 'careful', level: 'WARN' });
    s.write({ resource: 'a', spanId: 's', text: ' now' });
    s.write({ resource: 'a', spanId: 's', text: '!\nplain\n' });
    s.write({ resource: 'a', spanId: 's', text: 'partial ' });
    s.write({ resource: 'a', spanId: 's', text: 'then an error\n', level: 'ERROR' });
    const shown = s.read().map((l) => `${levelPrefix(l)}${l.text}`);
    expect(shown).toEqual([
      'ERROR: Traceback:',
      '  at x',
      'WARNING: careful now!',
      'plain',
      // The line was started by a plain write: no marker in the middle of it.
      'partial then an error',
    ]);
    expect(s.read().map((l) => l.anchor ?? false)).toEqual([true, false, true, false, false]);
    expect(levelPrefix({ level: 'INFO', anchor: true })).toBe('');
  });

  it('keeps only the newest maxLines lines', () => {
    const s = store(3);
    for (let i = 1; i <= 10; i++) s.write({ resource: '', spanId: 's', text: `${i}\n` });
    expect(s.read().map((l) => l.text)).toEqual(['8', '9', '10']);
    expect(s.lastSeq).toBe(10);
  });
});

describe('sourcePrefix', () => {
  it("right-aligns names in Tilt's 13-wide column and truncates longer ones", () => {
    expect(sourcePrefix('web')).toBe('          web │ ');
    expect(sourcePrefix('a-very-long-resource')).toBe('a-very-long-… │ ');
    expect(sourcePrefix('(Tiltfile)')).toBe('');
    expect(sourcePrefix('')).toBe('');
  });

  it('readAfter pages by position, from the oldest kept line when the reader fell behind', () => {
    const s = store(3);
    for (let i = 1; i <= 5; i++) s.write({ resource: 'a', spanId: 'x', text: `l${i}\n` });
    expect(s.readAfter(0, 10).map((l) => l.text)).toEqual(['l3', 'l4', 'l5']);
    expect(s.readAfter(3, 1).map((l) => `${l.seq}:${l.text}`)).toEqual(['4:l4']);
    expect(s.readAfter(5, 10)).toEqual([]);
  });
});
