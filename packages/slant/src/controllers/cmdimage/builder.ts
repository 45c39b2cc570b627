// Builds one CmdImage (custom_build) on request of the build controller (Tilt's cmdimage
// ForceApply + CustomBuilder): run the user's command with EXPECTED_REF & co., find the image it
// made, tag it with the content hash, push unless the command pushes, write status.
import { readFile, rm } from 'node:fs/promises';
import type { CmdImage, CmdImageStatus } from '@slant/api';
import { ANNOTATIONS } from '@slant/api';
import type { Clock } from '../../clock.ts';
import { familiarString, refString } from '../../container/ref.ts';
import {
  addTagSuffix,
  type RefSet,
  type TaggedRefs,
  withoutRegistry,
} from '../../container/registry.ts';
import type { DockerClient } from '../../docker/client.ts';
import type { ProcessRunner } from '../../exec/types.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { cmdString } from '../../tiltfile/cmd.ts';
import { BuildLog } from '../dockerimage/build-log.ts';
import type { BuildOptions, BuildResult } from '../dockerimage/builder.ts';
import { digestAsTag } from '../dockerimage/docker-output.ts';
import { pushStep } from '../dockerimage/push.ts';
import {
  clusterFor,
  errorText,
  imageMapNameOf,
  imageMapStatus,
  microTime,
  type Result,
  refSetFor,
} from '../dockerimage/refs.ts';
import { imageMapsByName, localImageEnv, writeImageMapStatus } from '../imagemap/imagemap.ts';
import { expectedEnv, expectedRefs, parseWrittenRef } from './expected-refs.ts';

export interface CmdImageBuilderDeps {
  readonly store: ObjectStore;
  readonly docker: DockerClient;
  readonly runner: ProcessRunner;
  readonly clock: Clock;
  readonly logs: LogWriter;
  /** The environment the command inherits (Slant's own); the build's variables go on top. */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** How the command reaches the same Docker daemon, e.g. `DOCKER_HOST=…` (Tilt's Env().AsEnviron()). */
  readonly dockerEnv?: readonly string[];
}

const NOT_IN_DOCKER =
  'Could not find image in Docker\n' +
  'Did your custom_build script properly tag the image?\n' +
  "If your custom_build doesn't use Docker, you might need to use skips_local_docker=True, " +
  'see https://docs.tilt.dev/custom_build.html\n';

export class CmdImageBuilder {
  private readonly deps: CmdImageBuilderDeps;

  constructor(deps: CmdImageBuilderDeps) {
    this.deps = deps;
  }

  async build(name: string, signal: AbortSignal, opts: BuildOptions = {}): Promise<BuildResult> {
    const { store, clock, logs } = this.deps;
    const obj = store.get('CmdImage', name);
    if (obj === undefined) return { ok: false, error: `cmdimages.tilt.dev "${name}" not found` };
    const a = obj.metadata.annotations ?? {};
    const log = new BuildLog(
      logs,
      { resource: a[ANNOTATIONS.resource] ?? '', spanId: a[ANNOTATIONS.logSpanId] ?? '' },
      clock,
    );
    const startedAt = microTime(clock.now());
    this.setStatus(name, { building: { startedAt } });
    const imName = opts.imageMap ?? imageMapNameOf(name, obj.spec.ref, store);
    const r = await this.run(obj, log, imName, opts, signal).catch(
      (err: unknown): Result<TaggedRefs> => ({ ok: false, error: errorText(err) }),
    );
    const finishedAt = microTime(clock.now());
    if (!r.ok) {
      this.setStatus(name, { completed: { startedAt, finishedAt, error: r.error } });
      return { ok: false, error: r.error };
    }
    this.setStatus(name, {
      ref: familiarString(r.value.localRef),
      completed: { startedAt, finishedAt },
    });
    writeImageMapStatus(
      store,
      imName,
      imageMapStatus(r.value.localRef, r.value.clusterRef, startedAt),
    );
    return { ok: true, ref: familiarString(r.value.clusterRef) };
  }

  private setStatus(name: string, status: CmdImageStatus): void {
    const cur = this.deps.store.get('CmdImage', name);
    if (cur !== undefined) this.deps.store.updateStatus({ ...cur, status });
  }

  private async run(
    obj: CmdImage,
    log: BuildLog,
    imName: string,
    opts: BuildOptions,
    signal: AbortSignal,
  ): Promise<Result<TaggedRefs>> {
    const { store, docker, clock } = this.deps;
    const spec = obj.spec;
    const cluster = clusterFor(store, spec.cluster);
    const refSet = refSetFor(store.get('ImageMap', imName), spec.ref, cluster);
    if (!refSet.ok) return refSet;
    // tag= with skips_local_docker: the script ignores every input, so no registry either.
    const remote = spec.outputMode === 'remote';
    const refs =
      remote && (spec.outputTag ?? '') !== '' ? withoutRegistry(refSet.value) : refSet.value;
    const outputFile = spec.outputsImageRefTo ?? '';
    if (outputFile !== '') await rm(outputFile, { force: true }).catch(() => {});
    const expected = expectedRefs(spec, refs, clock);
    if (!expected.ok) return expected;

    const extra = [
      ...expectedEnv(expected.value?.localRef, refs.registry),
      ...(this.deps.dockerEnv ?? []),
    ];
    if (extra.length === 0) log.info('Custom Build:');
    else {
      log.info('Custom Build: Injecting Environment Variables');
      for (const v of extra) log.info(`  ${v}`);
    }
    const deps = spec.imageMaps ?? [];
    const env = [
      ...(spec.env ?? []),
      ...extra,
      ...localImageEnv(deps, imageMapsByName(store, deps)),
    ];
    const failure = await this.runCommand(spec.args ?? [], spec.dir ?? '', env, log, signal);
    if (failure !== undefined) return { ok: false, error: failure };

    let built = expected.value;
    if (outputFile !== '') {
      const written = await readWrittenRef(outputFile, refs.registry);
      if (!written.ok) return written;
      built = written.value;
    }
    if (built === undefined) return { ok: false, error: 'custom_build: no expected ref' };
    // With skips_local_docker the command keeps the image to itself: nothing to find or tag.
    const final: Result<TaggedRefs> = remote
      ? { ok: true, value: built }
      : await this.tagBuilt(built, refs, outputFile !== '', signal);
    if (!final.ok) return final;
    const stage = await pushStep(
      { docker, clock },
      log,
      {
        localRef: final.value.localRef,
        clusterNeeds: spec.clusterNeeds,
        registry: refs.registry,
        commandPushes: remote || spec.outputMode === 'local-docker-and-remote',
      },
      opts.pipeline,
      signal,
    );
    if (stage?.error !== undefined) return { ok: false, error: stage.error };
    return final;
  }

  // The image must be in Docker; unless the command named it, it gets the content-hash tag.
  private async tagBuilt(
    built: TaggedRefs,
    refs: RefSet,
    commandNamed: boolean,
    signal: AbortSignal,
  ): Promise<Result<TaggedRefs>> {
    const { docker } = this.deps;
    const inspect = await docker.inspectImage(refString(built.localRef));
    if (inspect === undefined) {
      return {
        ok: false,
        error: `${NOT_IN_DOCKER}: Error response from daemon: No such image: ${refString(built.localRef)}`,
      };
    }
    if (commandNamed) return { ok: true, value: built };
    try {
      const tagged = addTagSuffix(refs, digestAsTag(inspect.id));
      await docker.tag(inspect.id, refString(tagged.localRef), signal);
      return { ok: true, value: tagged };
    } catch (err) {
      return { ok: false, error: `custom_build: ${errorText(err)}` };
    }
  }

  // Tilt runs the command as a Cmd: "Running cmd: …", its output, then the exit as the error.
  private async runCommand(
    args: readonly string[],
    dir: string,
    env: readonly string[],
    log: BuildLog,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const display = cmdString({ argv: [...args], dir, env: [] });
    log.info(`Running cmd: ${display}`);
    const merged: Record<string, string> = { ...this.deps.baseEnv };
    for (const kv of env) {
      const i = kv.indexOf('=');
      if (i > 0) merged[kv.slice(0, i)] = kv.slice(i + 1);
    }
    const proc = this.deps.runner.start(
      { argv: args, dir, env: merged },
      { stdout: (c) => log.write(c), stderr: (c) => log.write(c) },
    );
    const onAbort = (): void => void proc.stop();
    signal.addEventListener('abort', onAbort, { once: true });
    const exit = await proc.exited.finally(() => signal.removeEventListener('abort', onAbort));
    const failed = (why: string): string =>
      `Custom build ${JSON.stringify(display)} failed: ${why}`;
    if (signal.aborted) return failed('context canceled');
    if (exit.error !== undefined) return failed(`failed to start: ${exit.error}`);
    if (exit.signal !== null) return failed(`signal: ${signalName(exit.signal)}`);
    if (exit.code !== 0) return failed(`exit status ${exit.code ?? 1}`);
    return undefined;
  }
}

// Go's ExitError text names signals in words ("signal: killed").
function signalName(sig: string): string {
  const names: Record<string, string> = {
    SIGKILL: 'killed',
    SIGTERM: 'terminated',
    SIGINT: 'interrupt',
  };
  return names[sig] ?? sig;
}

async function readWrittenRef(
  path: string,
  registry: Parameters<typeof parseWrittenRef>[2],
): Promise<Result<TaggedRefs>> {
  let contents: string;
  try {
    contents = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `open ${path}: no such file or directory` : errorText(err);
    return {
      ok: false,
      error: `Could not find image ref in output. Your custom_build script should have written to ${path}: ${why}`,
    };
  }
  return parseWrittenRef(path, contents, registry);
}
