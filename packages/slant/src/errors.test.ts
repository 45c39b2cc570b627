import { describe, expect, test } from 'vitest';
import { EvalError as StarEvalError, StaticError } from '@slant/starlark';
import { codeFrame, describeError, formatError, TiltfileError, UserError } from './errors.ts';

const SRC = 'a = 1\nb = 2\nc = a +\td\n\nlast = 4\n';

describe('TiltfileError.from', () => {
  test('an EvalError gives its backtrace, the innermost user position and a code frame', () => {
    const pos = { file: 'Tiltfile', line: 3, col: 5 };
    const err = new StarEvalError('boom', [
      { name: '<toplevel>', pos },
      { name: 'fail', pos: undefined },
    ]);
    const te = TiltfileError.from(err, (f) => (f === 'Tiltfile' ? SRC : undefined));
    expect(te.message).toBe(
      'Traceback (most recent call last):\n  Tiltfile:3:5: in <toplevel>\nError in fail: boom',
    );
    expect(te.location).toEqual(pos);
    expect(te.frame).toBe(
      '  1 | a = 1\n  2 | b = 2\n> 3 | c = a +\td\n    |     ^\n  4 |\n  5 | last = 4',
    );
  });

  test('the innermost EvalError along the cause chain wins (errors inside load)', () => {
    const inner = new StarEvalError('inner', [
      { name: '<toplevel>', pos: { file: 'lib', line: 1, col: 1 } },
    ]);
    const outer = new StarEvalError('cannot load lib: inner', [], inner);
    expect(TiltfileError.from(outer).message).toBe(
      'Traceback (most recent call last):\n  lib:1:1: in <toplevel>\nError: inner',
    );
  });

  test('a static error reads file:line:col: msg and points at its position', () => {
    const te = TiltfileError.from(
      new StaticError({ file: 'Tiltfile', line: 1, col: 3 }, 'bad'),
      () => 'x = (\n',
    );
    expect(te.message).toBe('Tiltfile:1:3: bad');
    expect(te.frame).toBe('> 1 | x = (\n    |   ^');
  });

  test('UTF-8 messages are decoded from Starlark’s binary strings', () => {
    const bin = Buffer.from('héllo', 'utf8').toString('latin1');
    expect(TiltfileError.from(new Error(bin)).message).toBe('héllo');
  });
});

describe('formatError / describeError', () => {
  test('Tiltfile errors show message, then frame', () => {
    const te = new TiltfileError('msg', { file: 'T', line: 1, col: 1 }, '> 1 | x');
    expect(formatError(te)).toBe('msg\n\n> 1 | x');
    expect(describeError(te)).toEqual({ message: 'msg', location: 'T:1:1', frame: '> 1 | x' });
  });

  test('user errors show a hint; anything else is reported as a bug', () => {
    expect(formatError(new UserError('no-tiltfile', 'No Tiltfile found', 'Create one'))).toBe(
      'No Tiltfile found\n\nCreate one',
    );
    const d = describeError(new TypeError('x is undefined'));
    expect(d.message).toContain('TypeError: x is undefined');
    expect(d.hint).toMatch(/^this is a bug in Slant/);
  });

  test('a JavaScript engine error under a Tiltfile error is reported as a bug', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    const te = TiltfileError.from(
      new StarEvalError(bug.message, [{ name: 'k8s_yaml', pos: undefined }], bug),
    );
    expect(te.internal).toBe(bug);
    const d = describeError(te);
    expect(
      d.message.startsWith(
        "Error in k8s_yaml: Cannot read properties of undefined (reading 'x')\n\nTypeError:",
      ),
    ).toBe(true);
    expect(d.hint).toMatch(/^this is a bug in Slant/);
    expect(TiltfileError.from(new StarEvalError('x', [])).internal).toBeUndefined();
  });

  test('a code frame marks an error at end of file on the empty line after the last', () => {
    expect(codeFrame('x = 1\ndef f(\n', { file: 'f', line: 3, col: 1 })).toBe(
      '  1 | x = 1\n  2 | def f(\n> 3 |\n    | ^',
    );
  });

  test('code frames put the caret under the rune column', () => {
    const bin = Buffer.from('ß = 1 +\n', 'utf8').toString('latin1');
    expect(codeFrame(bin, { file: 'f', line: 1, col: 7 }, 0)).toBe('> 1 | ß = 1 +\n    |       ^');
  });
});
