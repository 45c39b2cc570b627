// The Docker pruner of `slant up` and `slant ci` (Tilt's engine/dockerprune.DockerPruner). After
// every scheduling pass the build controller says whether an update is running and how many have
// finished; when nothing runs or could start, the Tiltfile builds images and pruning is on, it
// prunes when due: after the first finished update, then every `num_builds` finished updates if
// set, else every `interval_hrs` (1 h by default). As in Tilt, the interval also counts from a
// prune that never happened: with it, a pass where every update waits (on the cluster, say) can
// prune before the first build. One prune runs at a time, beside the updates.
import type { CmdImage, DockerImage, Tiltfile } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { DockerClient } from '../../docker/client.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import type { BuildActivity } from '../buildcontrol/controller.ts';
import type { DockerPruneSettings } from '../../tiltfile/state/settings.ts';
import { levelLogger, pruneDocker, pruneVersionProblem } from './prune.ts';
import { localRefSelectors } from './selectors.ts';
import { DEFAULT_INTERVAL_HRS, readDockerPruneSettings } from './settings.ts';

export interface DockerPrunerDeps {
  readonly store: ObjectStore;
  readonly docker: DockerClient;
  readonly clock: Clock;
  /** Where the report lines go: the global log. */
  readonly logs: LogWriter;
  /** The session's logger level: info by default, verbose with `-v`, debug with `-d`. */
  readonly level?: 'info' | 'verbose' | 'debug';
}

const HOUR_MS = 3_600_000;

export class DockerPruner {
  private readonly deps: DockerPrunerDeps;
  private readonly abort = new AbortController();
  /** undefined until the first check of the daemon; false once it failed (off for the session). */
  private usable: boolean | undefined;
  private lastPruneTime: number | undefined;
  private lastPruneBuildCount = 0;
  private running: Promise<void> | undefined;

  constructor(deps: DockerPrunerDeps) {
    this.deps = deps;
  }

  /** Called after each pass of the build controller; starts a prune when one is due. */
  onChange(activity: BuildActivity): void {
    if (this.usable === false || this.running !== undefined || this.abort.signal.aborted) return;
    const { store } = this.deps;
    const settings = readDockerPruneSettings(
      store.get('Tiltfile', '(Tiltfile)') as Tiltfile | undefined,
    );
    if (settings?.enabled !== true || activity.building || !this.hasBuild()) return;
    if (!this.due(settings, activity.completedBuilds)) return;
    this.running = this.run(settings, activity.completedBuilds).finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when no prune is running (tests). */
  async idle(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  // The image builds of the Tiltfile: Tilt prunes only when it builds images (docker or custom).
  private hasBuild(): boolean {
    const { store } = this.deps;
    return store.list('DockerImage').length > 0 || store.list('CmdImage').length > 0;
  }

  private due(settings: DockerPruneSettings, builds: number): boolean {
    // As soon after start as something has been built.
    if (this.lastPruneTime === undefined && builds > 0) return true;
    // "Every N builds" takes precedence over "every N hours".
    if (settings.numBuilds !== 0) return builds - this.lastPruneBuildCount >= settings.numBuilds;
    const interval = (settings.intervalHrs || DEFAULT_INTERVAL_HRS) * HOUR_MS;
    // Never pruned counts as long ago, as Go's zero time does.
    const since = this.deps.clock.now().getTime() - (this.lastPruneTime ?? -Infinity);
    return since >= interval;
  }

  private async run(settings: DockerPruneSettings, builds: number): Promise<void> {
    const { store, docker, clock, logs } = this.deps;
    const write = (text: string) => logs.write({ resource: '', spanId: '', text });
    // Checked on the first prune rather than at start (as Tilt does), so that a session that
    // never builds an image never loads the Docker client. Failing, the pruner is off for good.
    if (this.usable === undefined) {
      // As Tilt's SetUp: no Docker to talk to (a custom_build without it, say) turns pruning off
      // quietly; only a daemon too old for the prune filters is worth a line.
      const reachable = await docker.info().then(
        () => true,
        () => false,
      );
      if (!reachable) {
        this.usable = false;
        return;
      }
      const problem = await pruneVersionProblem(docker);
      this.usable = problem === undefined;
      if (problem !== undefined) {
        write(
          `[Docker Prune] Docker API version too low for Tilt to run Docker Prune:\n\t${problem}\n`,
        );
        return;
      }
    }
    const images = [
      ...(store.list('DockerImage') as DockerImage[]),
      ...(store.list('CmdImage') as CmdImage[]),
    ];
    const selectors = localRefSelectors(images, (name) => store.get('Cluster', name));
    await pruneDocker(
      { docker, clock, log: levelLogger(this.deps.level ?? 'info', write) },
      {
        maxAgeMs: settings.maxAgeMins * 60_000,
        keepRecent: settings.keepRecent,
        selectors,
        signal: this.abort.signal,
      },
    );
    this.lastPruneTime = clock.now().getTime();
    this.lastPruneBuildCount = builds;
  }
}
