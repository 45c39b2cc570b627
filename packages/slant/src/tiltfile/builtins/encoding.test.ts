import { describe, expect, test } from 'vitest';
import { DIR, errorOf, runTiltfile } from '../test-util.ts';

describe('JSON builtins', () => {
  test('read_json parses a file; ints stay ints, numbers with a point are floats', () => {
    const r = runTiltfile('print(read_json("a.json"))\n', {
      files: { 'a.json': '{"b": [1, 2.0, "x", true, null], "a": {}}' },
    });
    expect(r.out).toBe('{"b": [1, 2.0, "x", True, None], "a": {}}\n');
    expect(r.configFiles).toContain(`${DIR}/a.json`);
  });

  test('read_json of a missing file returns the default', () => {
    expect(runTiltfile('print(read_json("nope.json", default={"k": 1}))\n').out).toBe('{"k": 1}\n');
  });

  test('decode_json errors say what failed', () => {
    expect(errorOf(runTiltfile('decode_json("[1] [2]")\n'))).toContain(
      'Error in decode_json: error parsing JSON: found multiple JSON values',
    );
  });

  test('JSON syntax errors read as Go’s encoding/json', () => {
    const r = runTiltfile('read_json("options.json")\n', {
      files: { 'options.json': '["foo", {"baz":["bar", "", 1, 2]}' },
    });
    expect(errorOf(r)).toContain(
      `Error in read_json: error parsing JSON from ${DIR}/options.json: unexpected EOF`,
    );
    expect(errorOf(runTiltfile('decode_json("[1, x]")\n'))).toContain(
      "error parsing JSON: invalid character 'x' looking for beginning of value",
    );
    expect(errorOf(runTiltfile('decode_json(\'{"a" 1}\')\n'))).toContain(
      "error parsing JSON: invalid character '1' after object key",
    );
  });

  test('encode_json indents with two spaces, sorts keys and escapes like Go', () => {
    const r = runTiltfile('print(encode_json({"b": [1, 1.5], "a": "<&>", "c": {}, "d": []}))\n');
    expect(r.out).toBe(
      '{\n  "a": "\\u003c\\u0026\\u003e",\n  "b": [\n    1,\n    1.5\n  ],\n  "c": {},\n  "d": []\n}\n\n',
    );
  });

  test('encode_json rejects values JSON can’t hold', () => {
    expect(errorOf(runTiltfile('encode_json({1: 2})\n'))).toContain(
      "Error in encode_json: error converting object from starlark: only string keys are supported in maps. found key '1' of type int64",
    );
    expect(errorOf(runTiltfile('encode_json((1,))\n'))).toContain(
      'Error in encode_json: error converting object from starlark: unable to convert from starlark value, unsupported type starlark.Tuple',
    );
    expect(errorOf(runTiltfile('encode_json(blob("x"))\n'))).toContain('unsupported type io.Blob');
  });
});

describe('YAML builtins', () => {
  const stream = 'a: 1\nb: [x, z]\n---\n---\nc: yes\n';

  test('decode_yaml_stream skips empty documents; YAML 1.1 booleans', () => {
    expect(runTiltfile(`print(decode_yaml_stream(${JSON.stringify(stream)}))\n`).out).toBe(
      '[{"a": 1, "b": ["x", "z"]}, {"c": True}]\n',
    );
  });

  test('decode_yaml of a stream fails with Tilt’s hint', () => {
    expect(errorOf(runTiltfile(`decode_yaml(${JSON.stringify(stream)})\n`))).toContain(
      'Error in decode_yaml: expected a yaml document but found a yaml stream (documents separated by `---`). use decode_yaml_stream instead to decode a yaml stream',
    );
  });

  test('read_yaml and read_yaml_stream read files relative to the Tiltfile, with defaults', () => {
    const r = runTiltfile(
      'print(read_yaml("c.yaml"))\nprint(read_yaml("nope.yaml", default={}))\nprint(read_yaml_stream("nope", default=[]))\n',
      { files: { 'c.yaml': 'k: v\n' } },
    );
    expect(r.out).toBe('{"k": "v"}\n{}\n[]\n');
    expect(r.configFiles).toEqual([
      `${DIR}/.tiltignore`,
      `${DIR}/Tiltfile`,
      `${DIR}/c.yaml`,
      `${DIR}/nope`,
      `${DIR}/nope.yaml`,
    ]);
  });

  test('read_yaml_stream wants a list default', () => {
    expect(errorOf(runTiltfile('read_yaml_stream("x", default={})\n'))).toContain(
      'read_yaml_stream: for parameter "default": got dict, want list',
    );
  });

  test('encode_yaml and encode_yaml_stream return Blobs with sorted keys', () => {
    const r = runTiltfile(
      'b = encode_yaml({"b": 1, "a": ["x"]})\nprint(type(b))\nprint(b)\nprint(encode_yaml_stream([{"a": 1}, {"b": 2}]))\n',
    );
    expect(r.out).toBe('blob\na:\n- x\nb: 1\n\na: 1\n---\nb: 2\n\n');
  });

  test('YAML parse errors name the source file, in go-yaml’s words', () => {
    const doc = '\nkey1: foo\nkey2:\n    key3: "bar\n    key4: true\nkey5: 3\n';
    const r = runTiltfile('read_yaml("options.yaml")\n', { files: { 'options.yaml': doc } });
    expect(errorOf(r)).toContain(
      'Error in read_yaml: error parsing YAML from options.yaml: error converting YAML to JSON: yaml: line 7: found unexpected end of stream',
    );
  });
});
