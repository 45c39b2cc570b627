import { describe, expect, test } from 'vitest';
import { DIR, errorOf, runTiltfile } from '../test-util.ts';

describe('read_file', () => {
  test('returns a Blob of the file relative to the Tiltfile and records the read', () => {
    const r = runTiltfile('b = read_file("a.txt")\nprint(type(b), str(b), b)\n', {
      files: { 'a.txt': 'héllo' },
    });
    expect(r.out).toBe('blob héllo héllo\n');
    expect(r.configFiles).toEqual([`${DIR}/.tiltignore`, `${DIR}/Tiltfile`, `${DIR}/a.txt`]);
  });

  test('a missing file returns the default and is still watched', () => {
    const r = runTiltfile('print(read_file("nope", default="d"))\n');
    expect(r.out).toBe('d\n');
    expect(r.configFiles).toContain(`${DIR}/nope`);
  });

  test('a missing file without default fails with Go’s os text', () => {
    const r = runTiltfile('read_file("nope")\n');
    expect(errorOf(r)).toBe(
      `Traceback (most recent call last):\n  ${DIR}/Tiltfile:1:10: in <toplevel>\nError in read_file: open ${DIR}/nope: no such file or directory`,
    );
  });

  test('bad arguments give Tilt’s converter texts', () => {
    expect(errorOf(runTiltfile('read_file(1)\n'))).toContain(
      'Error in read_file: read_file: for parameter paths: expected path | string. Actual type: starlark.Int',
    );
    expect(errorOf(runTiltfile('read_file("x", default=1)\n'))).toContain(
      'Error in read_file: read_file: for parameter "default": expected starlark.String or None, got starlark.Int',
    );
  });

  test('a Blob is falsy when empty and usable where strings are converted', () => {
    const r = runTiltfile('print(bool(blob("")), bool(blob("x")), decode_json(blob("[1]")))\n');
    expect(r.out).toBe('False True [1]\n');
  });
});

describe('watch_file and listdir', () => {
  test('watch_file records a path, even a directory', () => {
    const r = runTiltfile('watch_file("dir")\nwatch_file("/abs/file")\n', {
      files: { 'dir/x': '' },
    });
    expect(r.configFiles).toEqual([
      '/abs/file',
      `${DIR}/.tiltignore`,
      `${DIR}/Tiltfile`,
      `${DIR}/dir`,
    ]);
  });

  test('listdir lists files only, absolute, sorted; recursive descends and watches', () => {
    const files = { 'd/b.txt': '', 'd/a.txt': '', 'd/sub/c.txt': '' };
    const r = runTiltfile('print(listdir("d"))\nprint(listdir("d", recursive=True))\n', { files });
    expect(r.out).toBe(
      `["${DIR}/d/a.txt", "${DIR}/d/b.txt"]\n["${DIR}/d/a.txt", "${DIR}/d/b.txt", "${DIR}/d/sub/c.txt"]\n`,
    );
    expect(r.configFiles).toEqual([`${DIR}/.tiltignore`, `${DIR}/Tiltfile`, `${DIR}/d`]);
  });

  test('listdir of a missing directory is empty', () => {
    expect(runTiltfile('print(listdir("nope"))\n').out).toBe('[]\n');
  });
});

describe('Blob values and host errors', () => {
  test('blobs compare by text and source, as Go structs', () => {
    const r = runTiltfile(
      'print(blob("a") == blob("a"), blob("a") == blob("b"), blob("a") != read_file("a"))\n',
      {
        files: { a: 'a' },
      },
    );
    expect(r.out).toBe('True False True\n');
    expect(errorOf(runTiltfile('blob("a") < blob("b")\n'))).toContain(
      'blob < blob not implemented',
    );
  });

  test('file-system errors with non-ASCII paths read correctly', () => {
    const r = runTiltfile('read_file("héllo.txt")\n');
    expect(errorOf(r)).toContain(
      `Error in read_file: open ${DIR}/héllo.txt: no such file or directory`,
    );
  });
});
