// A scripted DockerContainerExec for unit tests: the generic exec fake (`respond`, `openStream`,
// recorded calls) plus restarts, recorded in order, whose result `onRestart` decides.
import { type ExecCall, FakeContainerExec } from '../k8s/exec-fake.ts';
import type { DockerContainerExec, DockerExecTarget } from './exec.ts';

export type DockerExecCall = ExecCall<DockerExecTarget>;

export class FakeDockerExec
  extends FakeContainerExec<DockerExecTarget>
  implements DockerContainerExec
{
  /** Container ids restarted, in order. */
  readonly restarts: string[] = [];
  /** An Error fails the restart. */
  onRestart: (target: DockerExecTarget) => Error | undefined = () => undefined;

  async restart(target: DockerExecTarget): Promise<void> {
    this.restarts.push(target.containerId);
    const err = this.onRestart(target);
    if (err !== undefined) throw err;
  }
}
