import { describe, expect, test } from 'vitest';
import { enabledResourceNames } from '../enabled.ts';
import type { TiltfileResource } from '../assemble/model.ts';
import { DIR, errorOf, runTiltfile } from '../test-util.ts';

const parse = (tf: string, args: string[], files: Record<string, string> = {}) =>
  runTiltfile(tf, { files, load: { args } });

describe('config.define_* and config.parse', () => {
  test('flags set settings; unset settings are absent from the result', () => {
    const r = parse(
      'config.define_string("s")\nconfig.define_bool("b")\nconfig.define_string_list("l")\nconfig.define_string("unset")\ncfg = config.parse()\nprint(cfg)\nprint("unset" in cfg)\n',
      ['--s', 'x', '--b', '--l=1', '--l', '2'],
    );
    expect(r.out).toBe('{"s": "x", "b": True, "l": ["1", "2"]}\nFalse\n');
    expect(r.configFiles).toEqual([
      `${DIR}/.tiltignore`,
      `${DIR}/Tiltfile`,
      `${DIR}/tilt_config.json`,
    ]);
  });

  test('positional args feed the args=True setting', () => {
    const r = parse(
      'config.define_string_list("to-run", args=True)\nconfig.define_object("o")\nprint(config.parse())\n',
      ['a', '--o', '{"k": [1, "v"]}', 'b'],
    );
    expect(r.out).toBe('{"to-run": ["a", "b"], "o": {"k": [1.0, "v"]}}\n');
  });

  test('tilt_config.json supplies values that flags override', () => {
    const r = parse(
      'config.define_string("a")\nconfig.define_string("b")\nprint(config.parse())\n',
      ['--b', 'flag'],
      { 'tilt_config.json': '{"a": "file-a", "b": "file-b"}' },
    );
    expect(r.out).toBe('{"a": "file-a", "b": "flag"}\n');
  });

  test('tilt_config.json errors name the file and the setting', () => {
    const tf = 'config.define_string("a")\nconfig.parse()\n';
    expect(errorOf(parse(tf, [], { 'tilt_config.json': '{"zz": 1}' }))).toContain(
      `Error in config.parse: ${DIR}/tilt_config.json specified unknown setting name 'zz'`,
    );
    expect(errorOf(parse(tf, [], { 'tilt_config.json': '{"a": 1}' }))).toContain(
      `Error in config.parse: ${DIR}/tilt_config.json specified invalid value for setting a: expected string, found float64`,
    );
  });

  test('an unknown flag shows the usage', () => {
    const r = parse(
      'config.define_string_list("foo", usage="what can I foo for you today?")\nconfig.parse()\n',
      ['--bar', 'hello'],
    );
    expect(errorOf(r)).toBe(
      `Traceback (most recent call last):\n  ${DIR}/Tiltfile:2:13: in <toplevel>\nError in config.parse: invalid Tiltfile config args: unknown flag: --bar\nUsage:\n      --foo list[string]   what can I foo for you today?\n`,
    );
  });

  test('positional args without an args=True setting are an error', () => {
    expect(errorOf(parse('config.parse()\n', ['do', 're', 'mi']))).toContain(
      'Error in config.parse: invalid Tiltfile config args: positional CLI args ("do re mi") were specified, but none were expected.\nSee https://docs.tilt.dev/tiltfile_config.html#positional-arguments for examples.',
    );
  });

  test('settings given twice and bad bools report pflag’s texts', () => {
    expect(
      errorOf(parse('config.define_string("s")\nconfig.parse()\n', ['--s', 'a', '--s', 'b'])),
    ).toContain(
      'invalid Tiltfile config args: invalid argument "b" for "--s" flag: string settings can only be specified once. multiple values found (last value: b)',
    );
    expect(errorOf(parse('config.define_bool("b")\nconfig.parse()\n', ['--b=maybe']))).toContain(
      'invalid argument "maybe" for "--b" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
  });

  test('definition errors', () => {
    expect(errorOf(parse('config.define_string("a")\nconfig.define_string("a")\n', []))).toContain(
      'Error in config.define_string: a defined multiple times',
    );
    expect(errorOf(parse('config.parse()\nconfig.define_bool("a")\n', []))).toContain(
      'Error in config.define_bool: config.define_bool cannot be called after config.parse is called',
    );
    expect(
      errorOf(
        parse(
          'config.define_string("a", args=True)\nconfig.define_string_list("b", args=True)\n',
          [],
        ),
      ),
    ).toContain('both b and a are defined as positional args');
  });

  test('main_path, main_dir, tilt_subcommand', () => {
    const r = runTiltfile('print(config.main_path, config.main_dir, config.tilt_subcommand)\n', {
      load: { subcommand: 'down' },
    });
    expect(r.out).toBe(`${DIR}/Tiltfile ${DIR} down\n`);
  });
});

describe('enabled resources', () => {
  const res = (name: string, resourceDeps: string[] = []): TiltfileResource => ({
    name,
    type: 'local',
    labels: [],
    resourceDeps,
  });
  const all = [res('a', ['c']), res('b'), res('c'), res('uncategorized')];
  const enabled = (tf: string, args: string[]) => [
    ...enabledResourceNames(parse(tf, args).run, all),
  ];

  test('without config.parse, args name the resources, with their deps', () => {
    expect(enabled('', [])).toEqual(['a', 'b', 'c', 'uncategorized']);
    expect(enabled('', ['a'])).toEqual(['a', 'c', 'uncategorized']);
  });

  test('set_enabled_resources and clear_enabled_resources win over args', () => {
    expect(enabled('config.set_enabled_resources(["b"])\n', ['a'])).toEqual(['b', 'uncategorized']);
    expect(enabled('config.clear_enabled_resources()\n', ['a'])).toEqual([]);
    expect(enabled('config.define_string_list("x", args=True)\nconfig.parse()\n', ['a'])).toEqual([
      'a',
      'b',
      'c',
      'uncategorized',
    ]);
  });

  test('unknown names are an error listing the others', () => {
    expect(() => enabled('', ['zz', 'a'])).toThrow(
      'You specified some resources that could not be found: "zz"\nIs this a typo? Existing resources in Tiltfile: "b", "c", "uncategorized"',
    );
  });

  test('set_enabled_resources wants strings', () => {
    expect(errorOf(parse('config.set_enabled_resources([1])\n', []))).toContain(
      "Error in config.set_enabled_resources: resources must be a list of string: '1' is a starlark.Int, not a string",
    );
  });
});
