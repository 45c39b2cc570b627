// `slant up` / `slant ci` on this machine: the real adapters (kubeconfig, Docker, processes,
// file watching) put into an Engine, the HTTP API, and the log stream on the terminal. With
// app.ts this is the composition root: the only files that construct real adapters.
import { writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { nodeTiltfileHost, sessionEnv } from './app.ts';
import { systemClock } from './clock.ts';
import { nodeLocalFiles } from './watch/files-node.ts';
import { NodeDockerClient } from './docker/client-node.ts';
import { ProcessComposeCli } from './docker/compose.ts';
import { NodeDockerContainers } from './docker/containers-node.ts';
import { NodeDockerExec } from './docker/exec-node.ts';
import { Engine } from './engine/engine.ts';
import { v8FullCollection } from './engine/gc-node.ts';
import { IdleCollector } from './engine/idle-gc.ts';
import { UserError } from './errors.ts';
import { NodeProcessRunner } from './exec/node.ts';
import { ShellReaper } from './exec/reaper.ts';
import { NodeProbeChecker } from './exec/probe-node.ts';
import type { KubeClient } from './k8s/client.ts';
import { createNodeKubeClient } from './k8s/client-node.ts';
import { UnavailableKubeClient } from './k8s/client-unavailable.ts';
import { NodeContainerExec } from './k8s/exec-node.ts';
import { NodePodLogSource } from './k8s/pod-logs-node.ts';
import { NodePortForwardDialer } from './k8s/port-forward-node.ts';
import type { LogFilterOptions } from './logs/filter.ts';
import { writeApiConfig } from './store/http/client-config.ts';
import { logMaxLines } from './server/log-cap.ts';
import { snapshotOf } from './server/view.ts';
import { startWebServer, type WebServer } from './server/web-server.ts';
import type { TiltfileHost } from './tiltfile/host.ts';
import { loadTiltfile, type TiltfileResult } from './tiltfile/loader.ts';
import { makeColors } from './tui/colors.ts';
import { openUrl } from './tui/open-url.ts';
import { startTerminal, type TerminalInput, type TerminalMode } from './tui/terminal.ts';
import { SLANT_VERSION } from './version.ts';
import { ParcelWatcherFactory } from './watch/parcel.ts';
import { WEB_ASSETS } from './web-assets.ts';
import { apiHost, logsQuiet, withoutPortForwards } from './app-session-parts.ts';

export interface SlantEnvironment {
  /** The Tiltfile path as given (relative to cwd). */
  readonly file: string;
  readonly host: string;
  readonly kubeContext?: string;
  readonly namespace?: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly argv: readonly string[];
  readonly executable: string;
}

export interface SlantRunOptions extends SlantEnvironment {
  readonly mode: 'up' | 'ci';
  readonly args: readonly string[];
  /** HTTP port; 0 disables the server. */
  readonly port: number;
  readonly ciTimeout?: string;
  /** Tilt's logger level from the global `-v` / `-d` flags. */
  readonly logLevel?: 'info' | 'verbose' | 'debug';
  /** `--disable-port-forwards`: no Kubernetes port forwards (nor their links) are started. */
  readonly disablePortForwards?: boolean;
  /** `--output-snapshot-on-exit`: where the session's snapshot is written when it stops. */
  readonly outputSnapshotOnExit?: string;
  /** The terminal. */
  readonly write: (text: string) => void;
  /** How the terminal shows the session (stream mode, all lines, no colour by default). */
  readonly terminal?: TerminalSettings;
}

export interface TerminalSettings {
  readonly mode: TerminalMode;
  readonly filter: LogFilterOptions;
  readonly color: boolean;
  /** The keyboard, for prompt and full-screen modes. */
  readonly input?: TerminalInput;
  /** Ctrl-C pressed in raw mode, or the full-screen view quit. */
  readonly onExit: () => void;
}

export interface RunningSlant {
  readonly engine: Engine;
  /** `http://host:port/`, or undefined when the HTTP server is off. */
  readonly url: string | undefined;
  /** Settles when the session is done (`ci`); never for `up`. */
  readonly done: Promise<{ error?: string }>;
  stop(): Promise<void>;
}

async function kubeClient(opts: SlantRunOptions, path: string | undefined): Promise<KubeClient> {
  const info = {
    context: opts.kubeContext ?? '',
    cluster: '',
    namespace: opts.namespace ?? 'default',
    server: '',
    configPath: path ?? '',
  };
  if (path === undefined) return new UnavailableKubeClient('no kubeconfig found', info);
  try {
    return await createNodeKubeClient({
      kubeconfigPath: path,
      ...(opts.kubeContext === undefined ? {} : { context: opts.kubeContext }),
      ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }),
    });
  } catch (err) {
    return new UnavailableKubeClient((err as Error).message, info);
  }
}

export async function startSlant(opts: SlantRunOptions): Promise<RunningSlant> {
  const clock = systemClock();
  const startTime = `${clock.now().toISOString().slice(0, 23)}000Z`;
  const mainPath = resolve(opts.cwd, opts.file);
  // Each Tiltfile run gets its own log span: the loader's print() goes where the run says.
  let runWrite: (text: string, level?: 'WARN') => void = () => {};
  // One environment for the session, as Tilt's process has: the Tiltfile's os.putenv changes it
  // (setEnv) and the commands and probes started afterwards inherit the change.
  const { env, setEnv } = sessionEnv(opts.env);
  const { host, kubeconfigPath } = nodeTiltfileHost({
    file: opts.file,
    subcommand: opts.mode,
    ...(opts.kubeContext === undefined ? {} : { kubeContext: opts.kubeContext }),
    cwd: opts.cwd,
    env,
    argv: opts.argv,
    executable: opts.executable,
    logWrite: (t, level) => runWrite(t, level),
  });
  const tiltfileHost: TiltfileHost = {
    ...host,
    ...(opts.namespace === undefined ? {} : { kube: { ...host.kube, namespace: opts.namespace } }),
    setEnv,
  };
  const kube = await kubeClient(opts, kubeconfigPath);
  const kubeOpts = {
    kubeconfigPath: kubeconfigPath ?? '',
    ...(opts.kubeContext === undefined ? {} : { context: opts.kubeContext }),
  };
  const processes = new NodeProcessRunner({ clock, reaper: new ShellReaper() });
  const dockerHost = opts.env.DOCKER_HOST ? { host: opts.env.DOCKER_HOST } : {};
  const programCache = new Map();
  const watch = opts.mode === 'up';
  const maxLines = logMaxLines(opts.env);
  const engine = new Engine({
    clock,
    ...(maxLines === undefined ? {} : { logMaxLines: maxLines }),
    ...(opts.logLevel === undefined ? {} : { logLevel: opts.logLevel }),
    kube,
    podLogs: new NodePodLogSource(kubeOpts),
    portForwards: new NodePortForwardDialer(kubeOpts),
    exec: new NodeContainerExec(kubeOpts),
    files: nodeLocalFiles,
    docker: new NodeDockerClient({
      ...dockerHost,
      cwd: opts.cwd,
      env,
      ...(opts.env.DOCKER_BUILDKIT ? { buildkitEnv: opts.env.DOCKER_BUILDKIT } : {}),
    }),
    dockerExec: new NodeDockerExec(dockerHost),
    compose: new ProcessComposeCli({ processes, env, cwd: opts.cwd }),
    containers: new NodeDockerContainers(dockerHost),
    processes,
    probes: new NodeProbeChecker({ processes, env, dir: opts.cwd }),
    watcher: new ParcelWatcherFactory(),
    load: (req): TiltfileResult => {
      runWrite = req.write;
      const result = loadTiltfile(tiltfileHost, {
        mainPath: req.path,
        args: req.args,
        subcommand: opts.mode,
        ...(opts.port === 0 ? {} : { webPort: opts.port, webHost: opts.host }),
        ...(kubeconfigPath === undefined ? {} : { kubeconfigPath }),
        watchConfigs: watch,
        programCache,
      });
      runWrite = () => {};
      // `ci` watches nothing (Tilt's CI engine mode has no FileWatches).
      const objects = watch ? result.objects : result.objects.filter((o) => o.kind !== 'FileWatch');
      return {
        ...result,
        objects: opts.disablePortForwards ? objects.map(withoutPortForwards) : objects,
      };
    },
    env,
    dockerEnv: opts.env.DOCKER_HOST ? [`DOCKER_HOST=${opts.env.DOCKER_HOST}`] : [],
    cwd: opts.cwd,
    pid: process.pid,
  });

  let api: WebServer | undefined;
  if (opts.port !== 0) {
    try {
      api = await startWebServer({
        store: engine.store,
        logs: engine.logs,
        clock,
        host: apiHost(opts.host),
        port: opts.port,
        assetsDir: WEB_ASSETS,
        version: SLANT_VERSION,
        tiltfileKey: mainPath,
        disableAuth: opts.env.TILT_DISABLE_HUD_AUTH === '1',
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new UserError(
          'port-in-use',
          `Slant cannot start because you already have another process on port ${opts.port}`,
          'If you want to run multiple Slant instances simultaneously, use the --port flag or TILT_PORT env variable to set a custom port',
        );
      }
      throw err;
    }
    writeApiConfig(opts.env.SLANT_HOME ?? resolve(homedir(), '.slant-dev'), api.port, api.apiToken);
  }
  const url = api === undefined ? undefined : `http://${opts.host}:${api.port}/`;
  const term = opts.terminal;
  const terminal = startTerminal({
    mode: term?.mode ?? 'stream',
    filter: term?.filter ?? { resources: [], source: 'all' },
    colors: makeColors(term?.color ?? false),
    url,
    host: opts.host,
    version: SLANT_VERSION,
    store: engine.store,
    logs: engine.logs,
    write: opts.write,
    ...(term?.input === undefined ? {} : { input: term.input }),
    openUrl: (u) => openUrl(u, opts.env),
    onExit: term?.onExit ?? (() => {}),
    startHud: async () =>
      (await import('./tui/hud.ts')).makeHudStarter((u) => {
        openUrl(u, opts.env).catch(() => {});
      }),
  });
  const unsubscribe = () => terminal.stop();
  // At rest, one full collection gives back what start-up left in the heap.
  const idleGc = new IdleCollector({
    clock,
    collect: v8FullCollection(),
    sources: [(fn) => engine.store.watch(fn), (fn) => engine.logs.subscribe(fn)],
  });
  idleGc.start();
  engine.start({
    tiltfilePath: mainPath,
    args: opts.args,
    exitCondition: opts.mode === 'ci' ? 'ci' : 'manual',
    ...(opts.mode === 'ci' && opts.ciTimeout !== undefined ? { ciTimeout: opts.ciTimeout } : {}),
    watch,
  });
  const done =
    opts.mode === 'ci'
      ? engine.sessionDone().then(async (r) => {
          // Pod logs trail readiness a little: let them arrive before the verdict and the exit.
          await logsQuiet(engine, 300, 2000);
          if (r.error === undefined) opts.write('SUCCESS. All workloads are healthy.\n');
          return r;
        })
      : new Promise<{ error?: string }>(() => {});
  const writeSnapshot = (path: string) => {
    const src = { store: engine.store, logs: engine.logs, startTime, version: SLANT_VERSION };
    const snap = snapshotOf({ ...src, tiltfileKey: mainPath }, clock.now());
    try {
      writeFileSync(resolve(opts.cwd, path), `${JSON.stringify(snap)}\n`);
    } catch (err) {
      opts.write(`Error writing snapshot to ${path}: ${(err as Error).message}\n`);
    }
  };
  return {
    engine,
    url,
    done,
    async stop() {
      idleGc.stop();
      // The state as the session ends, before stopping tears anything down.
      if (opts.outputSnapshotOnExit !== undefined) writeSnapshot(opts.outputSnapshotOnExit);
      await engine.stop();
      unsubscribe();
      await api?.close();
    },
  };
}
