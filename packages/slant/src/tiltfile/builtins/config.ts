// config.define_string/string_list/bool/object, config.parse, config.set_enabled_resources,
// config.clear_enabled_resources, config.tilt_subcommand/main_path/main_dir (Tilt's
// tiltfile/config).
import type { Value } from '@slant/starlark';
import {
  conv,
  Dict,
  iterate,
  None,
  repr,
  StarlarkError,
  StarObject,
  toArray,
  typeName,
  unpackArgs,
} from '@slant/starlark';
import { goJoin } from '../gopath.ts';
import { FsError } from '../host.ts';
import type { FlagDef } from '../pflag.ts';
import { FlagError, flagUsages, parseFlags } from '../pflag.ts';
import type { TiltBuiltinFn, TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { hostString, starString } from '../run.ts';
import type { ConfigState, ConfigValue } from '../state/config.ts';
import { decodeConfigJSON } from '../jsoniter.ts';
import { boolSetting, objectSetting, stringListSetting, stringSetting } from './config-values.ts';
import { goTypeName } from '../value.ts';

export const USER_CONFIG_FILE_NAME = 'tilt_config.json';

function define(name: string, newValue: () => ConfigValue): TiltDefinition {
  const fn: TiltBuiltinFn = (run, _thread, args, kwargs) => {
    const [settingName, isArgs, usage] = unpackArgs(
      name,
      args,
      kwargs,
      ['name', conv.string],
      ['args?', conv.bool],
      ['usage?', conv.string],
    );
    const n = hostString(settingName!);
    if (n === '') throw new StarlarkError("'name' is required");
    const cfg = run.state.config;
    if (cfg.parseCalled) {
      throw new StarlarkError(`${name} cannot be called after config.parse is called`);
    }
    if (cfg.defs.has(n)) throw new StarlarkError(starString(`${n} defined multiple times`));
    if (isArgs === true) {
      if (cfg.positionalName !== '') {
        throw new StarlarkError(
          starString(`both ${n} and ${cfg.positionalName} are defined as positional args`),
        );
      }
      cfg.positionalName = n;
    }
    cfg.defs.set(n, { name: n, usage: hostString(usage ?? ''), newValue });
    return None;
  };
  return { name, fn };
}

type ConfigMap = Map<string, ConfigValue>;

function readFromFile(run: TiltfileRun, cfg: ConfigState, path: string): ConfigMap {
  const ret: ConfigMap = new Map();
  let bytes: Buffer;
  try {
    bytes = run.host.fs.readFile(path);
  } catch (e) {
    if (e instanceof FsError && e.code === 'ENOENT') return ret;
    throw new Error(`error opening ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let m: Record<string, unknown>;
  try {
    m = decodeConfigJSON(bytes);
  } catch (e) {
    throw new Error(
      `error parsing json from ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  for (const [k, x] of Object.entries(m)) {
    const def = cfg.defs.get(k);
    if (def === undefined) throw new Error(`${path} specified unknown setting name '${k}'`);
    const v = def.newValue();
    try {
      v.setFromJSON(x);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(`${path} specified invalid value for setting ${k}: ${msg}`);
    }
    ret.set(k, v);
  }
  return ret;
}

/** Parses the Tiltfile args as flags; returns the values and what pflag printed. */
function parseArgs(cfg: ConfigState, args: readonly string[]): { values: ConfigMap; out: string } {
  const values: ConfigMap = new Map();
  const flags: FlagDef[] = [];
  for (const def of cfg.defs.values()) {
    const v = def.newValue();
    values.set(def.name, v);
    if (def.name !== cfg.positionalName) flags.push({ name: def.name, usage: def.usage, value: v });
  }
  const fail = (msg: string, out = ''): never => {
    const usage = flagUsages(flags);
    const suffix = usage.trim() === '' ? '' : `\nUsage:\n${usage}`;
    throw Object.assign(new Error(`invalid Tiltfile config args: ${msg}${suffix}`), { out });
  };
  let positional: string[];
  try {
    positional = parseFlags(flags, args);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    const out = e.message === 'pflag: help requested' ? `Usage of :\n${flagUsages(flags, 0)}` : '';
    return fail(e.message, out);
  }
  if (positional.length > 0) {
    const p = cfg.positionalName;
    if (p === '') {
      throw new Error(
        `invalid Tiltfile config args: positional CLI args (${JSON.stringify(positional.join(' '))}) were specified, but none were expected.\nSee https://docs.tilt.dev/tiltfile_config.html#positional-arguments for examples.`,
      );
    }
    for (const arg of positional) {
      try {
        values.get(p)!.set(arg);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new Error(`invalid Tiltfile config args: invalid positional args (${p}): ${msg}`);
      }
    }
  }
  return { values, out: '' };
}

const parse: TiltBuiltinFn = (run, thread, args, kwargs) => {
  unpackArgs('config.parse', args, kwargs);
  const cfg = run.state.config;
  const wd = run.currentDir(thread);
  if (cfg.seenWorkingDirectory !== '' && cfg.seenWorkingDirectory !== wd) {
    throw new Error(
      starString(
        `config.parse can only be called from one Tiltfile working directory per run. It was called from ${cfg.seenWorkingDirectory} and ${wd}`,
      ),
    );
  }
  cfg.seenWorkingDirectory = wd;
  cfg.parseCalled = true;
  const path = goJoin(wd, USER_CONFIG_FILE_NAME);
  run.recordRead(path);
  try {
    const merged = readFromFile(run, cfg, path);
    const { values } = parseArgs(cfg, run.args);
    for (const [k, v] of values) if (v.isSet) merged.set(k, v);
    const d = new Dict();
    for (const [k, v] of merged) d.set(starString(k), v.starlark());
    return d;
  } catch (e) {
    const out = (e as { out?: unknown }).out;
    if (typeof out === 'string' && out !== '') run.print(starString(out));
    throw new StarlarkError(starString(e instanceof Error ? e.message : String(e)));
  }
};

/** value.SequenceToStringSlice (strings only, not Blobs). */
function sequenceToStrings(v: Value): string[] {
  return toArray(iterate(v)).map((e) => {
    if (typeof e !== 'string') {
      throw new StarlarkError(
        `resources must be a list of string: '${repr(e)}' is a ${goTypeName(e)}, not a string`,
      );
    }
    return hostString(e);
  });
}

export const configBuiltins: readonly TiltDefinition[] = [
  {
    name: 'config.set_enabled_resources',
    fn: (run, _thread, args, kwargs) => {
      const [resources] = unpackArgs('config.set_enabled_resources', args, kwargs, [
        'resources',
        sequence,
      ]);
      run.state.config.disableAll = false;
      run.state.config.enabledResources = sequenceToStrings(resources!);
      return None;
    },
  },
  {
    name: 'config.clear_enabled_resources',
    fn: (run, _thread, args, kwargs) => {
      unpackArgs('config.clear_enabled_resources', args, kwargs);
      run.state.config.disableAll = true;
      run.state.config.enabledResources = undefined;
      return None;
    },
  },
  { name: 'config.parse', fn: parse },
  define('config.define_string_list', stringListSetting),
  define('config.define_string', stringSetting),
  define('config.define_bool', boolSetting),
  define('config.define_object', objectSetting),
  { name: 'config.tilt_subcommand', value: (run) => starString(run.subcommand) },
  { name: 'config.main_path', value: (run) => starString(run.mainPath) },
  { name: 'config.main_dir', value: (run) => starString(run.mainDir) },
];

/** A starlark.Sequence parameter: anything iterable with a length (list, tuple, dict, set). */
function sequence(v: Value): Value {
  if (v instanceof StarObject && v.len() >= 0 && v.iterate !== StarObject.prototype.iterate)
    return v;
  throw new StarlarkError(`got ${typeName(v)}, want starlark.Sequence`);
}
