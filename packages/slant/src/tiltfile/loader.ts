// loadTiltfile: executes the main Tiltfile with Tilt's dialect and the registered builtins, then
// assembles resources and API objects. load(), include() and load_dynamic() share one per-file
// cache (starkit's Environment): paths are relative to the loading file; each file runs once.
import type { ApiObject } from '@slant/api';
import type { Program, Value } from '@slant/starlark';
import { compileFile, execFile, execProgram, StarThread, TILT_FILE_OPTIONS } from '@slant/starlark';
import { TiltfileError } from '../errors.ts';
import type { Assembler } from './assemble/index.ts';
import { ASSEMBLERS, AssemblyError, assemble } from './assemble/index.ts';
import type { TiltfileResource } from './assemble/model.ts';
import { ALL_BUILTINS } from './builtins/index.ts';
import type { TiltfileHost } from './host.ts';
import { configsFileWatch } from './configs-filewatch.ts';
import { enabledResourceNames } from './enabled.ts';
import { extensionLocalPath } from './extensions.ts';
import { declaredObjects } from './objects.ts';
import type { TiltDefinition } from './registry.ts';
import { buildPredeclared } from './registry.ts';
import type { BuiltinCall, TiltfileRunOptions } from './run.ts';
import { EXEC_PATH_KEY, StopExecution, TiltfileRun, starString } from './run.ts';
import type { TiltfileState } from './state.ts';
import { ModuleLoader } from './module-loader.ts';

export interface LoadTiltfileOptions extends TiltfileRunOptions {
  /** The builtins to predeclare (default: all of them). */
  readonly builtins?: readonly TiltDefinition[];
  readonly assemblers?: readonly Assembler[];
  /**
   * Compiled programs by file path, kept by the caller across executions (the Tiltfile
   * reconciler): a file whose source is unchanged is not parsed again.
   */
  readonly programCache?: Map<string, { readonly source: string; readonly program: Program }>;
  /** Add the `configs:(Tiltfile)` FileWatch that re-runs the Tiltfile (the engine does, except in CI). */
  readonly watchConfigs?: boolean;
  /** Step budget of the execution (unlimited by default). */
  readonly maxSteps?: number;
}

export interface TiltfileResult {
  readonly run: TiltfileRun;
  readonly state: TiltfileState;
  /** Empty when error is set. */
  readonly resources: TiltfileResource[];
  /** Names of the resources that start enabled (Tilt's EnabledManifests), in resource order. */
  readonly enabledResources: readonly string[];
  readonly objects: ApiObject[];
  readonly warnings: readonly string[];
  /** Every file the execution depends on (Tiltfiles, .tiltignore, loaded files, files read), sorted. */
  readonly configFiles: readonly string[];
  /** Recorded builtin calls (TiltfileRunOptions.recordBuiltinCalls), else undefined. */
  readonly builtinCalls: readonly BuiltinCall[] | undefined;
  /** Wall time of the execution and assembly, in milliseconds. */
  readonly durationMs: number;
  readonly error?: TiltfileError;
}

export function loadTiltfile(host: TiltfileHost, opts: LoadTiltfileOptions): TiltfileResult {
  const started = performance.now();
  const run = new TiltfileRun(host, opts);
  const result = (
    error?: TiltfileError,
    resources: TiltfileResource[] = [],
    objects: ApiObject[] = [],
    enabledResources: readonly string[] = [],
  ) => ({
    run,
    state: run.state,
    resources,
    enabledResources,
    objects,
    warnings: run.warnings,
    configFiles: tiltConfigFiles(run),
    builtinCalls: run.builtinCalls,
    durationMs: performance.now() - started,
    ...(error === undefined ? {} : { error }),
  });

  if (!host.fs.stat(run.mainPath)?.isFile) {
    return result(
      new TiltfileError(
        `No Tiltfile found at paths '${run.mainPath}'. Check out https://docs.tilt.dev/tutorial.html`,
      ),
    );
  }

  const predeclared: ReadonlyMap<string, Value> = buildPredeclared(
    opts.builtins ?? ALL_BUILTINS,
    run,
  );
  const modules = new ModuleLoader(run, (thread, path, src, names) => {
    const own = new Map(predeclared);
    own.set('__file__', starString(path));
    own.set('__name__', path === run.mainPath ? '__main__' : starString(basename(path)));
    for (const [k, v] of names) own.set(k, v);
    // Only StarThreads run Tiltfiles: the loader made this one.
    const t = thread as StarThread;
    const cache = opts.programCache;
    if (cache === undefined) return execFile(t, starString(path), src, own, TILT_FILE_OPTIONS);
    // Re-runs compile only the files that changed (the predeclared names are the same each run).
    const text = Buffer.from(src).toString('latin1');
    let entry = cache.get(path);
    if (entry === undefined || entry.source !== text) {
      entry = {
        source: text,
        program: compileFile(starString(path), src, own, TILT_FILE_OPTIONS, t.universe()),
      };
      cache.set(path, entry);
    }
    return execProgram(t, entry.program, own);
  });
  const thread = new StarThread({
    name: 'Tiltfile',
    print: (_t, msg) => run.print(msg),
    load: (t, module) => modules.load(t, module),
    ...(opts.maxSteps === undefined ? {} : { maxSteps: opts.maxSteps }),
  });
  thread.locals.set(EXEC_PATH_KEY, run.mainPath);
  modules.interceptors.push(extensionLocalPath);

  try {
    modules.exec(thread, run.mainPath);
  } catch (e) {
    if (!isStop(e)) return result(TiltfileError.from(e, (f) => modules.source(f)));
  } finally {
    writeEnvBack(run);
  }

  try {
    const out = assemble(run, opts.assemblers ?? ASSEMBLERS);
    const enabled = [...enabledResourceNames(run, out.resources)];
    const objects = [...out.objects, ...declaredObjects(run.state.objects)];
    if (opts.watchConfigs === true) objects.push(configsFileWatch(run, tiltConfigFiles(run)));
    return result(undefined, out.resources, objects, enabled);
  } catch (e) {
    if (e instanceof AssemblyError)
      return result(new TiltfileError(e.message, undefined, undefined, e));
    if (e instanceof TiltfileError) return result(e);
    throw e;
  }
}

/**
 * Tilt's TiltfileLoadResult.ConfigFiles: the main Tiltfile, its .tiltignore and every recorded
 * read, deduplicated and sorted (only the main path when it does not exist).
 */
function tiltConfigFiles(run: TiltfileRun): string[] {
  if (!run.host.fs.stat(run.mainPath)?.isFile) return [run.mainPath];
  const all = new Set([run.mainPath, `${run.mainDir}/.tiltignore`, ...run.state.files.configFiles]);
  return [...all].sort();
}

/**
 * Tilt's os.putenv/os.environ change Tilt's own environment, so the commands it runs later (and
 * the next execution) see them, even when the Tiltfile then failed: hand the changes to the host.
 */
function writeEnvBack(run: TiltfileRun): void {
  const { host } = run;
  if (host.setEnv === undefined) return;
  const changes: Record<string, string | undefined> = {};
  for (const [k, v] of run.env) if (host.env[k] !== v) changes[k] = v;
  for (const k of Object.keys(host.env)) if (!run.env.has(k)) changes[k] = undefined;
  if (Object.keys(changes).length > 0) host.setEnv(changes);
}

function isStop(e: unknown): boolean {
  for (let x: unknown = e; x instanceof Error; x = x.cause)
    if (x instanceof StopExecution) return true;
  return false;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
