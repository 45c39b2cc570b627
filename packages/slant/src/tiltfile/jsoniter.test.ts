import { describe, expect, test } from 'vitest';
import { decodeConfigJSON } from './jsoniter.ts';

const decode = (s: string) => () => decodeConfigJSON(Buffer.from(s, 'utf8'));

// Expected texts are Tilt's for the same tilt_config.json.
describe('decodeConfigJSON', () => {
  test('reads the first value only; null gives no settings', () => {
    expect(decodeConfigJSON(Buffer.from('{"a": ["x", 1, true, {"b": null}]} trailing'))).toEqual({
      a: ['x', 1, true, { b: null }],
    });
    expect(decodeConfigJSON(Buffer.from('null'))).toEqual({});
  });

  test("errors name jsoniter's reader and quote the bytes around the failure", () => {
    expect(decode('{"a": }')).toThrow(
      'Read: unexpected value type: 0, error found in #6 byte of ...|{"a": }|..., bigger context ...|{"a": }|...',
    );
    expect(decode('x')).toThrow(
      'ReadMapCB: expect { or n, but found x, error found in #1 byte of ...|x|..., bigger context ...|x|...',
    );
    expect(
      decode(
        '{"a": "b", "c": {"d": 1}, "e": [1, 2, 3], "f": "a long value here that is long", "g": x}',
      ),
    ).toThrow(
      'Read: unexpected value type: 0, error found in #10 byte of ...|ng", "g": x}|..., bigger context ...|, 3], "f": "a long value here that is long", "g": x}|...',
    );
    expect(decode('')).toThrow(new Error('EOF'));
  });

  test('at the end of the input the position stays before trailing blanks', () => {
    expect(decode('\n')).toThrow(
      'ReadMapCB: expect { or n, but found \0, error found in #0 byte of ...|\n|..., bigger context ...|\n|...',
    );
  });
});
