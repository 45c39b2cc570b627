// Deploys one Compose service (Tilt's dockercomposeservice ForceApply): `docker compose up` of the
// service, then its container's state into the DockerComposeService status. The build controller
// calls apply() as the resource's deploy step; the reconciler calls refresh() on container events
// and rm() on disable.
import type { DockerComposeService, DockerComposeServiceStatus } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { ComposeCli } from '../../docker/compose.ts';
import type { DockerContainers } from '../../docker/containers.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { logTarget } from '../common/log-target.ts';
import { microTime } from '../common/time.ts';
import { serviceStatus } from './status.ts';

export interface ComposeApplierDeps {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly logs: LogWriter;
  readonly compose: ComposeCli;
  readonly containers: DockerContainers;
}

export type ComposeApplyResult = { ok: true } | { ok: false; error: string };

const KIND = 'DockerComposeService';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class ComposeApplier {
  private readonly deps: ComposeApplierDeps;

  constructor(deps: ComposeApplierDeps) {
    this.deps = deps;
  }

  private get(name: string): DockerComposeService | undefined {
    return this.deps.store.get(KIND, name) as DockerComposeService | undefined;
  }

  // Compose builds the image itself when an image the service needs has no Tilt build
  // (a `build:` section and no docker_build/custom_build for it).
  private composeBuilds(svc: DockerComposeService): boolean {
    const { store } = this.deps;
    const builders = [...store.list('DockerImage'), ...store.list('CmdImage')].map((o) =>
      o.metadata.name.slice(o.metadata.name.indexOf(':') + 1),
    );
    return (svc.spec.imageMaps ?? []).some((im) => !builders.includes(im));
  }

  private setStatus(
    name: string,
    fn: (cur: DockerComposeServiceStatus) => DockerComposeServiceStatus,
  ) {
    if (this.get(name) === undefined) return;
    this.deps.store.mutateStatus(KIND, name, (cur) => fn(cur.status ?? {}));
  }

  /** `up` of the service, its output in the build span; the status records the result. */
  async apply(name: string, spanId: string): Promise<ComposeApplyResult> {
    const svc = this.get(name);
    if (svc === undefined) return { ok: false, error: `DockerComposeService ${name} not found` };
    const { clock, logs, compose } = this.deps;
    const resource = logTarget(svc).resource;
    const out = (text: string) => logs.write({ resource, spanId, text });
    const start = microTime(clock.now());
    try {
      await compose.up(svc.spec, this.composeBuilds(svc), out);
    } catch (err) {
      const applyError = errorText(err);
      this.setStatus(name, (cur) => ({
        ...cur,
        applyError,
        lastApplyStartTime: start,
        lastApplyFinishTime: microTime(clock.now()),
      }));
      return { ok: false, error: applyError };
    }
    let status: DockerComposeServiceStatus = {};
    try {
      const id = await compose.containerId(svc.spec);
      const info = id === '' ? undefined : await this.deps.containers.inspect(id);
      if (info !== undefined) status = serviceStatus(info);
    } catch (err) {
      const applyError = errorText(err);
      this.setStatus(name, (cur) => ({ ...cur, applyError, lastApplyStartTime: start }));
      return { ok: false, error: applyError };
    }
    this.setStatus(name, (cur) => ({
      ...(cur.disableStatus === undefined ? {} : { disableStatus: cur.disableStatus }),
      ...status,
      lastApplyStartTime: start,
      lastApplyFinishTime: microTime(clock.now()),
    }));
    return { ok: true };
  }

  /** Re-reads a container of the service after a Docker event about it. */
  async refresh(name: string, containerId: string, adopt: boolean): Promise<void> {
    const cur = this.get(name)?.status;
    // Events of an older container (e.g. the one `up` just replaced) don't change the status.
    if (!adopt && cur?.containerID !== containerId) return;
    const info = await this.deps.containers.inspect(containerId);
    if (info === undefined) {
      if (cur?.containerID === containerId) {
        this.setStatus(name, (s) => {
          const {
            containerID: _id,
            containerName: _n,
            containerState: _st,
            portBindings: _p,
            ...rest
          } = s;
          return rest;
        });
      }
      return;
    }
    this.setStatus(name, (s) => {
      const { portBindings: _p, ...rest } = s;
      return { ...rest, ...serviceStatus(info) };
    });
  }

  /** `rm --stop --force` of the service (disable); its output goes to the service's log. */
  async rm(name: string): Promise<void> {
    const svc = this.get(name);
    if (svc === undefined) return;
    const target = logTarget(svc);
    // Compose's "Going to remove …" lines confuse users of a disabled resource (as in Tilt).
    const out = (text: string) => {
      const kept = text
        .split(/(?<=\n)/)
        .filter((l) => !l.startsWith('Going to remove'))
        .join('');
      if (kept !== '') this.deps.logs.write({ ...target, text: kept });
    };
    try {
      await this.deps.compose.rm([svc.spec], out);
    } catch (err) {
      this.deps.logs.write({
        ...target,
        text: `Error disabling: ${errorText(err)}\n`,
        level: 'ERROR',
      });
    }
    this.setStatus(name, (s) => ({
      ...(s.disableStatus === undefined ? {} : { disableStatus: s.disableStatus }),
    }));
  }
}
