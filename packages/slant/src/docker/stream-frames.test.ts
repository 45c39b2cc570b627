import { describe, expect, it } from 'vitest';
import { frame, StreamDemuxer } from './stream-frames.ts';

function demux(chunks: readonly Uint8Array[]): { out: string; err: string } {
  const got = { out: '', err: '' };
  const d = new StreamDemuxer(
    (c) => {
      got.out += Buffer.from(c).toString();
    },
    (c) => {
      got.err += Buffer.from(c).toString();
    },
  );
  for (const c of chunks) d.push(c);
  return got;
}

describe('StreamDemuxer', () => {
  it('splits stdout and stderr frames joined in one chunk', () => {
    const all = Buffer.concat([frame(1, 'out1\n'), frame(2, 'err\n'), frame(1, 'out2\n')]);
    expect(demux([all])).toEqual({ out: 'out1\nout2\n', err: 'err\n' });
  });

  it('reassembles frames split anywhere, header included', () => {
    const all = Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world')]);
    const bytes = [...all].map((b) => Uint8Array.of(b));
    expect(demux(bytes)).toEqual({ out: 'hello world', err: 'oops' });
  });

  it('holds an incomplete frame until the rest arrives', () => {
    const f = frame(1, 'abcdef');
    const got: string[] = [];
    const d = new StreamDemuxer(
      (c) => got.push(Buffer.from(c).toString()),
      () => {},
    );
    d.push(f.subarray(0, 10));
    expect(got).toEqual([]);
    d.push(f.subarray(10));
    expect(got).toEqual(['abcdef']);
  });
});
