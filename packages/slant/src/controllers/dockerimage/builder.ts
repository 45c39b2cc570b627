// Builds one DockerImage on request of the build controller (Tilt's dockerimage.Reconciler
// ForceApply + ImageBuilder + DockerBuilder): inject base images, tar the context, build, tag
// with the content hash (`tilt-<16 hex of the image id>`, so unchanged inputs keep their tag),
// push when the cluster needs it, then write DockerImage and ImageMap status.
import { stat } from 'node:fs/promises';
import type {
  DockerImage,
  DockerImageSpec,
  DockerImageStageStatus,
  DockerImageStatus,
} from '@slant/api';
import { ANNOTATIONS } from '@slant/api';
import type { Clock } from '../../clock.ts';
import { familiarString, parseNamedTagged, refString, withTag } from '../../container/ref.ts';
import { addTagSuffix, type RefSet, type TaggedRefs } from '../../container/registry.ts';
import { DOCKERFILE_NAME } from '../../docker/build-context.ts';
import { BUILDKIT_TRACE_ID, decodeBuildkitStatus } from '../../docker/buildkit-status.ts';
import { BUILT_LABELS, buildArgsMap, type DockerClient, DockerError } from '../../docker/client.ts';
import { createBuildContextFilter } from '../../ignore/filter.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { imageMapsByName, writeImageMapStatus } from '../imagemap/imagemap.ts';
import { BuildLog, contextUploadLine, indent } from './build-log.ts';
import { BuildkitPrinter } from './buildkit-printer.ts';
import { cleanupDockerBuildError, digestAsTag } from './docker-output.ts';
import { injectClusterPlatform, injectImageDependencies } from './inject.ts';
import { type BuildPipeline, pushStep } from './push.ts';
import {
  clusterFor,
  errorText,
  imageMapNameOf,
  imageMapStatus,
  isDockerCompose,
  microTime,
  refSetFor,
} from './refs.ts';

export type BuildResult = { ok: true; ref: string } | { ok: false; error: string };

export interface BuildOptions {
  /** Numbers the build and push steps; without it the push is logged under the build step. */
  readonly pipeline?: BuildPipeline;
  /** The ImageMap to update; by default the DockerImage's name after `<resource>:`. */
  readonly imageMap?: string;
}

export interface DockerImageBuilderDeps {
  readonly store: ObjectStore;
  readonly docker: DockerClient;
  readonly clock: Clock;
  readonly logs: LogWriter;
}

type Built = { ok: true; refs: TaggedRefs; stages: DockerImageStageStatus[] };
type Failed = { ok: false; error: string; stages: DockerImageStageStatus[] };

export class DockerImageBuilder {
  private readonly deps: DockerImageBuilderDeps;

  constructor(deps: DockerImageBuilderDeps) {
    this.deps = deps;
  }

  async build(name: string, signal: AbortSignal, opts: BuildOptions = {}): Promise<BuildResult> {
    const { store, clock, logs } = this.deps;
    const obj = store.get('DockerImage', name);
    if (obj === undefined) return { ok: false, error: `dockerimages.tilt.dev "${name}" not found` };
    const annotations = obj.metadata.annotations ?? {};
    const log = new BuildLog(
      logs,
      {
        resource: annotations[ANNOTATIONS.resource] ?? '',
        spanId: annotations[ANNOTATIONS.logSpanId] ?? '',
      },
      clock,
    );
    const startedAt = microTime(clock.now());
    this.setStatus(name, { building: { startedAt } });
    const imName = opts.imageMap ?? imageMapNameOf(name, obj.spec.ref, store);
    const r = await this.run(obj, log, imName, opts.pipeline, signal).catch(
      (err: unknown): Failed => ({ ok: false, error: errorText(err), stages: [] }),
    );
    const finishedAt = microTime(clock.now());
    if (!r.ok) {
      this.setStatus(name, {
        completed: { startedAt, finishedAt, error: r.error },
        stageStatuses: r.stages,
      });
      return { ok: false, error: r.error };
    }
    this.setStatus(name, {
      ref: familiarString(r.refs.localRef),
      completed: { startedAt, finishedAt },
      stageStatuses: r.stages,
    });
    writeImageMapStatus(
      store,
      imName,
      imageMapStatus(r.refs.localRef, r.refs.clusterRef, startedAt),
    );
    return { ok: true, ref: familiarString(r.refs.clusterRef) };
  }

  private setStatus(name: string, status: DockerImageStatus): void {
    const cur = this.deps.store.get('DockerImage', name);
    if (cur !== undefined) this.deps.store.updateStatus({ ...cur, status });
  }

  private async run(
    obj: DockerImage,
    log: BuildLog,
    imName: string,
    pipeline: BuildPipeline | undefined,
    signal: AbortSignal,
  ): Promise<Built | Failed> {
    const { store, docker, clock } = this.deps;
    const cluster = clusterFor(store, obj.spec.cluster);
    const refSet = refSetFor(store.get('ImageMap', imName), obj.spec.ref, cluster);
    if (!refSet.ok) return { ok: false, error: refSet.error, stages: [] };
    const injected = injectImageDependencies(
      injectClusterPlatform(obj.spec, cluster),
      imageMapsByName(store, obj.spec.imageMaps ?? []),
    );
    if (!injected.ok) return { ok: false, error: injected.error, stages: [] };
    const spec = injected.value;

    const platform = spec.platform ?? '';
    log.info(
      `Building Dockerfile${platform === '' ? '' : ` for platform ${platform}`}:\n${indent(spec.dockerfileContents ?? '', '  ')}\n`,
    );
    log.step('Building image');
    const printer = new BuildkitPrinter(log);
    const built = await this.buildToDigest(spec, log, printer, signal);
    const buildStages = printer.stageStatuses();
    if (!built.ok) return { ...built, stages: buildStages };

    let refs: TaggedRefs;
    try {
      refs = addTagSuffix(refSet.value, digestAsTag(built.value));
      await docker.tag(built.value, refString(refs.localRef), signal);
    } catch (err) {
      const where = err instanceof DockerError ? 'TagImage#ImageTag' : 'TagImage';
      return { ok: false, error: `docker tag: ${where}: ${errorText(err)}`, stages: buildStages };
    }

    if (isDockerCompose(cluster)) {
      const tagged = await this.tagForCompose(refSet.value, refs, signal);
      return { ...tagged, stages: buildStages };
    }
    const stage = await pushStep(
      { docker, clock },
      log,
      { localRef: refs.localRef, clusterNeeds: spec.clusterNeeds, registry: refSet.value.registry },
      pipeline,
      signal,
    );
    const stages = stage === undefined ? buildStages : [...buildStages, stage];
    if (stage?.error !== undefined) return { ok: false, error: stage.error, stages };
    return { ok: true, refs, stages };
  }

  private async buildToDigest(
    spec: DockerImageSpec,
    log: BuildLog,
    printer: BuildkitPrinter,
    signal: AbortSignal,
  ): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
    const { docker, clock } = this.deps;
    let dir = spec.context ?? '';
    // Context "-" is an empty context: a directory that does not exist tars to nothing.
    if (dir === '-') dir = '/nonexistent-slant-empty-context';
    else {
      try {
        await stat(dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file or directory' : errorText(err);
        return { ok: false, error: `reading build context: stat ${dir}: ${why}` };
      }
    }
    const upload = new UploadProgress(log, clock);
    // Upload lines come from a tar upload (the legacy builder) only, as in Tilt; BuildKit reads
    // the context through its session and reports that itself.
    const context = {
      dir,
      dockerfileContents: spec.dockerfileContents ?? '',
      filter: createBuildContextFilter(spec.contextIgnores ?? []),
      now: clock.now(),
      onStart: () => upload.begin(),
      onBytes: (n: number) => upload.update(n),
      onEnd: () => upload.close(),
    };
    try {
      const id = await docker.build(
        {
          context,
          dockerfile: DOCKERFILE_NAME,
          buildArgs: buildArgsMap(spec.args ?? []),
          labels: BUILT_LABELS,
          signal,
          ...(spec.target ? { target: spec.target } : {}),
          ...(spec.network ? { network: spec.network } : {}),
          ...(spec.pull ? { pull: true } : {}),
          ...(spec.cacheFrom ? { cacheFrom: spec.cacheFrom } : {}),
          ...(spec.platform ? { platform: spec.platform } : {}),
          ...(spec.extraHosts ? { extraHosts: spec.extraHosts } : {}),
          ...(spec.extraTags ? { tags: spec.extraTags } : {}),
          ...(spec.secrets?.length ? { secrets: spec.secrets } : {}),
          ...(spec.sshAgentConfigs?.length ? { ssh: spec.sshAgentConfigs } : {}),
        },
        (m) => {
          if (m.id === BUILDKIT_TRACE_ID && typeof m.aux === 'string') {
            printer.print(decodeBuildkitStatus(m.aux));
          } else log.dockerMessage(m);
        },
      );
      return { ok: true, value: id };
    } catch (err) {
      // A refused API call or bad build options are reported as they are; a failure inside the
      // build is "ImageBuild: …".
      if (err instanceof DockerError && (err.statusCode !== undefined || err.beforeBuild)) {
        return { ok: false, error: err.message };
      }
      return { ok: false, error: `ImageBuild: ${cleanupDockerBuildError(errorText(err))}` };
    }
  }

  // Compose runs the image by the name in docker-compose.yaml: tag it so (`:latest` by default).
  private async tagForCompose(
    refSet: RefSet,
    refs: TaggedRefs,
    signal: AbortSignal,
  ): Promise<Built | Failed> {
    const configured = refSet.configurationRef.ref;
    let expected = withTag(refs.localRef, 'latest');
    try {
      if (configured !== undefined) expected = parseNamedTagged(familiarString(configured));
    } catch {
      // A name without a tag: `latest`.
    }
    try {
      await this.deps.docker.tag(refString(refs.localRef), refString(expected), signal);
    } catch (err) {
      return { ok: false, error: errorText(err), stages: [] };
    }
    return { ok: true, refs: { localRef: expected, clusterRef: expected }, stages: [] };
  }
}

// Tilt's ProgressWriter: the upload line at start, when the size doubles or 2 s pass, and at end.
class UploadProgress {
  private readonly log: BuildLog;
  private readonly clock: Clock;
  private start: number | undefined;
  private bytes = 0;
  private lastPrint = 0;
  private lastBytes = 0;
  private closed = false;

  constructor(log: BuildLog, clock: Clock) {
    this.log = log;
    this.clock = clock;
  }

  /** The upload starts: its first line. */
  begin(): void {
    if (this.start !== undefined) return;
    this.start = this.clock.now().getTime();
    this.print(false);
  }

  update(bytes: number): void {
    if (this.start === undefined) return;
    this.bytes = bytes;
    const now = this.clock.now().getTime();
    if (now - this.lastPrint > 2000 || bytes > 2 * this.lastBytes) {
      this.print(false);
      this.lastBytes = bytes;
    }
  }

  close(): void {
    if (this.closed || this.start === undefined) return;
    this.closed = true;
    this.print(true);
  }

  private print(mustPrint: boolean): void {
    const now = this.clock.now().getTime();
    this.lastPrint = now;
    const fields: Record<string, string> = { progressID: 'tilt-context-upload' };
    if (mustPrint) fields.progressMustPrint = '1';
    const took = now - (this.start ?? now);
    this.log.prefixed(`${contextUploadLine(this.bytes, took)}\n`, fields);
  }
}
