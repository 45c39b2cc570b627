// Watches the pods of one namespace and notes when each became Ready, as this process saw it
// (the Ready condition's own timestamp has one-second resolution, too coarse for a benchmark).
import { type KubeConfig, type V1Pod, Watch } from '@kubernetes/client-node';
import { isReady } from '../env/kube.ts';

export interface ReadyPod {
  uid: string;
  name: string;
  app: string;
  /** When the watch saw it Ready (ms since the epoch). */
  readyAt: number;
}

export class PodReadyWatch {
  private readonly ready = new Map<string, ReadyPod>();
  private readonly deleted = new Set<string>();
  private abort: AbortController | undefined;
  private readonly waiters = new Set<() => void>();
  private failure: string | undefined;

  static async start(kc: KubeConfig, namespace: string): Promise<PodReadyWatch> {
    const w = new PodReadyWatch();
    w.abort = await new Watch(kc).watch(
      `/api/v1/namespaces/${namespace}/pods`,
      {},
      (phase, obj: V1Pod) => w.onEvent(phase, obj),
      () => {},
    );
    return w;
  }

  private onEvent(phase: string, pod: V1Pod): void {
    const uid = pod.metadata?.uid ?? '';
    if (phase === 'DELETED' || pod.metadata?.deletionTimestamp !== undefined) {
      this.deleted.add(uid);
    } else if (isReady(pod) && !this.ready.has(uid)) {
      this.ready.set(uid, {
        uid,
        name: pod.metadata?.name ?? '',
        app: pod.metadata?.labels?.app ?? '',
        readyAt: Date.now(),
      });
    }
    for (const w of this.waiters) w();
  }

  /** Ready pods not being deleted. */
  live(): ReadyPod[] {
    return [...this.ready.values()].filter((p) => !this.deleted.has(p.uid));
  }

  /** Resolves with the first Ready pod that `pick` accepts; rejects after `ms`. */
  async waitFor(what: string, ms: number, pick: (p: ReadyPod) => boolean): Promise<ReadyPod> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.failure !== undefined) {
          cleanup();
          reject(new Error(this.failure));
          return;
        }
        const found = [...this.ready.values()].find(pick);
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Makes every wait fail now (e.g. the tool exited). */
  fail(message: string): void {
    this.failure = message;
    for (const w of [...this.waiters]) w();
  }

  stop(): void {
    this.abort?.abort();
  }
}
