// The engine: the store, the log store, every reconciler and the build controller, assembled
// from adapter interfaces. app.ts passes real adapters; tests pass fakes and get the same engine.
import type { Session, Tiltfile } from '@slant/api';
import { API_VERSION } from '@slant/api';
import type { Clock } from '../clock.ts';
import { createClusterReconciler } from '../controllers/cluster/reconciler.ts';
import {
  CmdRunner,
  createCmdReconciler,
  runCmdToCompletion,
} from '../controllers/cmd/reconciler.ts';
import { CmdImageBuilder } from '../controllers/cmdimage/builder.ts';
import { ComposeApplier } from '../controllers/dockercomposeservice/applier.ts';
import { createDockerComposeServiceReconciler } from '../controllers/dockercomposeservice/reconciler.ts';
import { createComposeLogsReconciler } from '../controllers/dockercomposelogs/reconciler.ts';
import { DockerImageBuilder } from '../controllers/dockerimage/builder.ts';
import { statFingerprint } from '../controllers/filewatch/fingerprint.ts';
import { createFileWatchReconciler } from '../controllers/filewatch/reconciler.ts';
import { KubernetesApplier } from '../controllers/kubernetesapply/applier.ts';
import { createKubernetesApplyReconciler } from '../controllers/kubernetesapply/reconciler.ts';
import { createKubernetesEventsReconciler } from '../controllers/k8sevents/reconciler.ts';
import type { LocalFiles } from '../watch/files.ts';
import { createLiveUpdateReconciler } from '../controllers/liveupdate/reconciler.ts';
import { createKubernetesDiscoveryReconciler } from '../controllers/kubernetesdiscovery/reconciler.ts';
import { createDiscoveryPodLogStreamsReconciler } from '../controllers/podlogstream/from-discovery.ts';
import { createPodLogStreamReconciler } from '../controllers/podlogstream/reconciler.ts';
import { createDiscoveryPortForwardsReconciler } from '../controllers/portforward/from-discovery.ts';
import { createPortForwardReconciler } from '../controllers/portforward/reconciler.ts';
import { createSessionReconciler } from '../controllers/session/reconciler.ts';
import type { TiltfileLoadRequest } from '../controllers/tiltfile/reconciler.ts';
import { createTiltfileReconciler } from '../controllers/tiltfile/reconciler.ts';
import { createUIResourceReconciler } from '../controllers/uiresource/reconciler.ts';
import type { DockerClient } from '../docker/client.ts';
import type { ComposeCli } from '../docker/compose.ts';
import type { DockerContainers } from '../docker/containers.ts';
import type { DockerContainerExec } from '../docker/exec.ts';
import type { ProbeChecker } from '../exec/probe-types.ts';
import type { ProcessRunner } from '../exec/types.ts';
import type { KubeClient } from '../k8s/client.ts';
import type { PodLogSource } from '../k8s/pod-logs.ts';
import type { PortForwardDialer } from '../k8s/port-forward-client.ts';
import { LogStore } from '../logs/log-store.ts';
import { ObjectStore } from '../store/store.ts';
import type { TiltfileResult } from '../tiltfile/loader.ts';
import type { WatcherFactory } from '../watch/types.ts';
import type { ContainerExec } from '../k8s/exec.ts';
import { changedFilesText } from './buildcontrol/changed-files.ts';
import { BuildController } from './buildcontrol/controller.ts';
import { DockerPruner } from './dockerprune/pruner.ts';
import { Manager } from './manager.ts';

export interface EngineAdapters {
  readonly clock: Clock;
  readonly kube: KubeClient;
  readonly podLogs: PodLogSource;
  readonly portForwards: PortForwardDialer;
  readonly docker: DockerClient;
  /** The Docker Compose CLI, for docker_compose() services. */
  readonly compose: ComposeCli;
  /** Containers of Compose services: inspect, logs, events. */
  readonly containers: DockerContainers;
  readonly processes: ProcessRunner;
  readonly probes: ProbeChecker;
  readonly watcher: WatcherFactory;
  /** Runs live_update's commands in containers. */
  readonly exec: ContainerExec;
  /** Runs them in Docker Compose containers, and restarts those (restart_container). */
  readonly dockerExec: DockerContainerExec;
  /** The local files live_update copies. */
  readonly files: LocalFiles;
  /** Executes the Tiltfile. */
  readonly load: (req: TiltfileLoadRequest) => TiltfileResult;
  /** Slant's environment, inherited by commands. */
  readonly env: Readonly<Record<string, string>>;
  /** Log lines kept before the oldest are dropped (the log store's default when absent). */
  readonly logMaxLines?: number;
  /** Tilt's logger level (`-v`, `-d`): what the Docker pruner reports beyond its counts. */
  readonly logLevel?: 'info' | 'verbose' | 'debug';
  /** How commands reach the same Docker engine (e.g. `DOCKER_HOST=…`). */
  readonly dockerEnv: readonly string[];
  readonly cwd: string;
  readonly pid: number;
  /** Debounce of file events (ms); default 10. */
  readonly debounceMs?: number;
  /** Told about reconcile failures (bugs); default: written to the global log. */
  readonly onReconcileError?: (reconciler: string, name: string, err: unknown) => void;
}

export interface SessionRequest {
  readonly tiltfilePath: string;
  readonly args: readonly string[];
  readonly exitCondition: 'manual' | 'ci';
  /** `ci --timeout`, a Go duration; '0s' or absent means none. */
  readonly ciTimeout?: string;
  /** Watch files for changes (`up`); `ci` doesn't. */
  readonly watch: boolean;
}

export class Engine {
  readonly store: ObjectStore;
  readonly logs: LogStore;
  readonly manager: Manager;
  readonly builds: BuildController;
  private readonly stoppers: (() => Promise<void>)[] = [];

  constructor(a: EngineAdapters) {
    const { clock } = a;
    this.store = new ObjectStore({ clock });
    this.logs = new LogStore({
      clock,
      ...(a.logMaxLines === undefined ? {} : { maxLines: a.logMaxLines }),
    });
    const store = this.store;
    const logs = this.logs;
    this.manager = new Manager({
      store,
      clock,
      onReconcileError: (r, name, err) => {
        if (a.onReconcileError !== undefined) a.onReconcileError(r, name, err);
        else
          logs.write({
            resource: '',
            spanId: 'engine',
            text: `${r} ${name}: ${String(err)}\n`,
            level: 'ERROR',
          });
      },
    });
    const m = this.manager;
    m.register(
      createTiltfileReconciler({
        store,
        clock,
        logs,
        load: a.load,
        onSecrets: (s) => logs.addSecrets(s),
      }),
    );
    m.register(createClusterReconciler({ store, kube: a.kube, clock, logs }));
    const fileWatches = createFileWatchReconciler({
      store,
      clock,
      watcher: a.watcher,
      logs,
      ...(a.debounceMs === undefined ? {} : { debounceMs: a.debounceMs }),
      fingerprint: statFingerprint(a.files),
    });
    m.register(fileWatches);
    const cmds = new CmdRunner({
      store,
      clock,
      processes: a.processes,
      probes: a.probes,
      logs,
      env: a.env,
      cwd: a.cwd,
    });
    m.register(createCmdReconciler({ runner: cmds, store }));
    const applier = new KubernetesApplier({
      store,
      kube: a.kube,
      clock,
      logs,
      commands: { processes: a.processes, baseEnv: a.env },
      debug: a.logLevel === 'debug',
    });
    m.register(createKubernetesApplyReconciler({ store, kube: a.kube, clock, logs, applier }));
    m.register(createKubernetesDiscoveryReconciler({ store, kube: a.kube, clock, logs }));
    m.register(createKubernetesEventsReconciler({ store, kube: a.kube, clock, logs }));
    m.register(
      createLiveUpdateReconciler({
        store,
        clock,
        logs,
        exec: a.exec,
        dockerExec: a.dockerExec,
        files: a.files,
        display: (files) => changedFilesText(files, a.cwd),
      }),
    );
    m.register(createDiscoveryPodLogStreamsReconciler());
    const podLogs = createPodLogStreamReconciler({ source: a.podLogs, logs });
    m.register(podLogs);
    m.register(createDiscoveryPortForwardsReconciler());
    const forwards = createPortForwardReconciler({ dialer: a.portForwards, logs });
    m.register(forwards);
    const composeApplier = new ComposeApplier({
      store,
      clock,
      logs,
      compose: a.compose,
      containers: a.containers,
    });
    const composeServices = createDockerComposeServiceReconciler({
      store,
      clock,
      containers: a.containers,
      applier: composeApplier,
    });
    m.register(composeServices.reconciler);
    const composeLogs = createComposeLogsReconciler({ store, containers: a.containers, logs });
    m.register(composeLogs.reconciler);
    m.register(createUIResourceReconciler({ store, clock }));
    m.register(createSessionReconciler({ store, clock, pid: a.pid }));

    const dockerImages = new DockerImageBuilder({ store, docker: a.docker, clock, logs });
    const cmdImages = new CmdImageBuilder({
      store,
      docker: a.docker,
      runner: a.processes,
      clock,
      logs,
      baseEnv: a.env,
      dockerEnv: a.dockerEnv,
    });
    const pruner = new DockerPruner({
      store,
      docker: a.docker,
      clock,
      logs,
      level: a.logLevel ?? 'info',
    });
    this.builds = new BuildController({
      store,
      clock,
      logs,
      cwd: a.cwd,
      onPass: (activity) => pruner.onChange(activity),
      executors: {
        buildImage: (kind, name, signal, pipeline) =>
          kind === 'DockerImage'
            ? dockerImages.build(name, signal, { pipeline })
            : cmdImages.build(name, signal, { pipeline }),
        applyK8s: (name, signal) => applier.apply(name, signal),
        applyCompose: (name, _signal, spanId) => composeApplier.apply(name, spanId),
        runCmd: (name, signal, spanId) => runCmdToCompletion(cmds, name, { signal, spanId }),
      },
    });
    this.stoppers.push(
      () => this.builds.stop(),
      () => pruner.stop(),
      () => this.manager.stop(),
      () => cmds.stopAll(),
      () => forwards.stopAll(),
      () => fileWatches.stopAll(),
      async () => podLogs.stopAll(),
      async () => composeServices.stopAll(),
      async () => composeLogs.stopAll(),
    );
  }

  /** Creates the Tiltfile and Session objects and starts every controller. */
  start(req: SessionRequest): void {
    const tf: Tiltfile = {
      apiVersion: API_VERSION,
      kind: 'Tiltfile',
      metadata: { name: '(Tiltfile)' },
      spec: {
        path: req.tiltfilePath,
        args: [...req.args],
        ...(req.watch ? { restartOn: { fileWatches: ['configs:(Tiltfile)'] } } : {}),
      },
    };
    this.store.create(tf);
    const session: Session = {
      apiVersion: API_VERSION,
      kind: 'Session',
      metadata: { name: 'Tiltfile' },
      spec: {
        tiltfilePath: req.tiltfilePath,
        exitCondition: req.exitCondition,
        ...(req.ciTimeout === undefined ? {} : { ci: { timeout: req.ciTimeout } }),
      },
    };
    this.store.create(session);
    this.manager.start();
    this.builds.start();
  }

  /** Resolves when the Session is done (`ci`), with its error if it failed. */
  sessionDone(): Promise<{ error?: string }> {
    return new Promise((resolve) => {
      const check = () => {
        const st = this.store.get('Session', 'Tiltfile')?.status;
        if (st?.done !== true) return false;
        resolve(st.error === undefined ? {} : { error: st.error });
        return true;
      };
      if (check()) return;
      const stop = this.store.watch(
        () => {
          if (check()) stop();
        },
        { kind: 'Session' },
      );
    });
  }

  /** Stops updates, controllers, serve processes, forwards and watches. */
  async stop(): Promise<void> {
    for (const s of this.stoppers) await s();
    this.logs.flush();
  }
}
