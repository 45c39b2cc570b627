// A ComposeCli for unit tests: records each call; `up` can fail or create a container in a
// FakeDockerContainers, as the real CLI would.
import type { DockerComposeProject, DockerComposeServiceSpec } from '@slant/api';
import type { ComposeCli, ComposeOutput } from './compose.ts';
import { type FakeDockerContainers, runningContainer } from './containers-fake.ts';

const STARTED_AT = '2026-01-01T00:00:05Z';

export class FakeComposeCli implements ComposeCli {
  readonly calls: string[] = [];
  /** The error of the next `up` calls, when set. */
  upError: string | undefined;
  private readonly containers: FakeDockerContainers;
  private nextId = 1;
  /** The container id of each service after its last `up`. */
  readonly current = new Map<string, string>();

  constructor(containers: FakeDockerContainers) {
    this.containers = containers;
  }

  async up(spec: DockerComposeServiceSpec, build: boolean, out: ComposeOutput): Promise<void> {
    this.calls.push(`${build ? 'build+' : ''}up ${spec.service}`);
    out(` Container ${spec.project.name}-${spec.service}-1 Started\n`);
    if (this.upError !== undefined) throw new Error(this.upError);
    const id = `c${this.nextId++}`;
    const info = runningContainer(id, `${spec.project.name}-${spec.service}-1`, STARTED_AT, [
      { containerPort: 80, hostIP: '0.0.0.0', hostPort: 8080 },
    ]);
    this.containers.set(info);
    this.current.set(spec.service, id);
  }

  async rm(specs: readonly DockerComposeServiceSpec[], out: ComposeOutput): Promise<void> {
    this.calls.push(`rm ${specs.map((s) => s.service).join(' ')}`);
    out('Going to remove x\n Container x Removed\n');
    for (const s of specs) {
      const id = this.current.get(s.service);
      if (id !== undefined) this.containers.containers.delete(id);
      this.current.delete(s.service);
    }
  }

  async down(project: DockerComposeProject): Promise<void> {
    this.calls.push(`down ${project.name ?? ''}`);
  }

  async containerId(spec: DockerComposeServiceSpec): Promise<string> {
    return this.current.get(spec.service) ?? '';
  }
}
