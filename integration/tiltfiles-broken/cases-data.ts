// Files and data: missing files, malformed JSON/YAML, config.parse errors, local() failures
// through the scripted process runner.
import type { BrokenCase } from './case.ts';

const NOT_DEV = {
  context: 'gke_prod_us-east1_main',
  namespace: 'default',
  clusterServer: 'https://34.1.2.3',
};

// biome-ignore format: one case per line keeps the table readable
export const DATA_CASES: readonly BrokenCase[] = [
  { name: 'read_file: missing file', tiltfile: "v = read_file('VERSION')\n", at: 'Tiltfile:1:14', error: 'Error in read_file: open VERSION: no such file or directory' },
  { name: 'read_file: a directory', tiltfile: "v = read_file('conf')\n", files: { 'conf/a.txt': 'x' }, at: 'Tiltfile:1:14', error: 'Error in read_file: read conf: is a directory' },
  { name: 'read_json: missing file', tiltfile: "cfg = read_json('settings.json')\n", at: 'Tiltfile:1:16', error: 'Error in read_json: open settings.json: no such file or directory' },
  { name: 'read_json: malformed JSON', tiltfile: "cfg = read_json('settings.json')\n", files: { 'settings.json': '{"a": 1,}\n' }, at: 'Tiltfile:1:16', error: 'Error in read_json: error parsing JSON from settings.json: invalid character \'}\' looking for beginning of object key string' },
  { name: 'decode_json: truncated', tiltfile: "decode_json('{\"a\": ')\n", at: 'Tiltfile:1:12', error: 'Error in decode_json: error parsing JSON: unexpected EOF' },
  { name: 'read_json: two JSON values', tiltfile: "cfg = read_json('a.json')\n", files: { 'a.json': '{"a": 1}\n{"b": 2}\n' }, at: 'Tiltfile:1:16', error: 'Error in read_json: error parsing JSON from a.json: found multiple JSON values' },
  { name: 'decode_json: two JSON values', tiltfile: "decode_json('{} {}')\n", at: 'Tiltfile:1:12', error: 'Error in decode_json: error parsing JSON: found multiple JSON values' },
  { name: 'decode_yaml: two documents', tiltfile: "decode_yaml('a: 1\\n---\\nb: 2\\n')\n", at: 'Tiltfile:1:12', error: 'Error in decode_yaml: expected a yaml document but found a yaml stream (documents separated by `---`). use decode_yaml_stream instead to decode a yaml stream' },
  { name: 'encode_json: a function', tiltfile: 'def f():\n  pass\nencode_json({"f": f})\n', at: 'Tiltfile:3:12', error: 'Error in encode_json: error converting object from starlark: unable to convert from starlark value, unsupported type *starlark.Function' },
  { name: 'encode_yaml_stream: not a list', tiltfile: "encode_yaml_stream('a: 1')\n", at: 'Tiltfile:1:19', error: 'Error in encode_yaml_stream: encode_yaml_stream: for parameter objs: got string, want list' },
  { name: 'watch_file: int argument', tiltfile: 'watch_file(1)\n', at: 'Tiltfile:1:11', error: 'Error in watch_file: watch_file: for parameter paths: expected path | string. Actual type: starlark.Int' },
  { name: 'local: command exits non-zero', tiltfile: "v = local('git describe --tags')\n", scripts: [{ match: 'sh -c git describe --tags', result: { exitCode: 128, stderr: 'fatal: No names found, cannot describe anything.\n' } }], at: 'Tiltfile:1:10', error: 'Error in local: command "git describe --tags" failed.\nerror: exit status 128' },
  { name: 'local: command fails inside a helper in a loaded file', tiltfile: "load('lib.star', 'version')\nversion()\n", files: { 'lib.star': "def version():\n  return str(local('cat VERSION', quiet=True)).strip()\n" }, scripts: [{ match: 'sh -c cat VERSION', result: { exitCode: 1, stderr: 'cat: VERSION: No such file or directory\n' } }], at: 'lib.star:2:19', error: 'Error in local: command "cat VERSION" failed.\nerror: exit status 1\nstdout:\n\nstderr:\ncat: VERSION: No such file or directory\n\n' },
  { name: 'local: refused on a non-dev cluster', tiltfile: "local('kubectl get pods')\n", kube: NOT_DEV, at: 'Tiltfile:1:6', error: 'Error in local: Refusing to run \'local\' because gke_prod_us-east1_main might be a production kube context.\nIf you\'re sure you want to continue add:\n\tallow_k8s_contexts(\'gke_prod_us-east1_main\')\nbefore this function call in your Tiltfile. Otherwise, switch k8s contexts and restart Tilt.' },
  { name: 'config.parse: unknown flag', tiltfile: "config.define_string('env')\ncfg = config.parse()\n", args: ['--envv', 'dev'], at: 'Tiltfile:2:19', error: 'Error in config.parse: invalid Tiltfile config args: unknown flag: --envv\nUsage:\n      --env string   \n' },
  { name: 'config.parse: positional args without a positional setting', tiltfile: "config.define_string('env')\ncfg = config.parse()\n", args: ['web'], at: 'Tiltfile:2:19', error: 'Error in config.parse: invalid Tiltfile config args: positional CLI args ("web") were specified, but none were expected.\nSee https://docs.tilt.dev/tiltfile_config.html#positional-arguments for examples.' },
  { name: 'config.parse: string flag given twice', tiltfile: "config.define_string('env')\ncfg = config.parse()\n", args: ['--env', 'a', '--env', 'b'], at: 'Tiltfile:2:19', error: 'Error in config.parse: invalid Tiltfile config args: invalid argument "b" for "--env" flag: string settings can only be specified once. multiple values found (last value: b)\nUsage:\n      --env string   \n' },
  { name: 'config.parse: bool flag with a non-bool value', tiltfile: "config.define_bool('debug')\ncfg = config.parse()\n", args: ['--debug=maybe'], at: 'Tiltfile:2:19', error: 'Error in config.parse: invalid Tiltfile config args: invalid argument "maybe" for "--debug" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nUsage:\n      --debug   \n' },
  { name: 'config.parse: wrong type in tilt_config.json', tiltfile: "config.define_string_list('services')\ncfg = config.parse()\n", files: { 'tilt_config.json': '{"services": "web"}' }, at: 'Tiltfile:2:19', error: 'Error in config.parse: tilt_config.json specified invalid value for setting services: expected array' },
  { name: 'config.parse: unknown key in tilt_config.json', tiltfile: "config.define_string('env')\ncfg = config.parse()\n", files: { 'tilt_config.json': '{"environment": "dev"}' }, at: 'Tiltfile:2:19', error: 'Error in config.parse: tilt_config.json specified unknown setting name \'environment\'' },
  { name: 'config.define_string: defined twice', tiltfile: "config.define_string('env')\nconfig.define_string('env')\n", at: 'Tiltfile:2:21', error: 'Error in config.define_string: env defined multiple times' },
  { name: 'config.define_string: after config.parse', tiltfile: "cfg = config.parse()\nconfig.define_string('env')\n", at: 'Tiltfile:2:21', error: 'Error in config.define_string: config.define_string cannot be called after config.parse is called' },
  { name: 'config.define_string_list: two positional settings', tiltfile: "config.define_string_list('a', args=True)\nconfig.define_string_list('b', args=True)\n", at: 'Tiltfile:2:26', error: 'Error in config.define_string_list: both b and a are defined as positional args' },
  { name: 'config.set_enabled_resources: unknown resource', tiltfile: "local_resource('a', 'true')\nconfig.set_enabled_resources(['b'])\n", at: null, error: 'You specified some resources that could not be found: "b"\nIs this a typo? Existing resources in Tiltfile: "a"' },
  { name: 'args: positional arg names no resource', tiltfile: "local_resource('api', 'make api')\n", args: ['web'], at: null, error: 'You specified some resources that could not be found: "web"\nIs this a typo? Existing resources in Tiltfile: "api"' },
];
