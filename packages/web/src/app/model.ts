// The client's copy of the view: the objects by name, replaced by each update (a deleted one
// carries a deletionTimestamp), and the logs. Components subscribe to `objects` and `logs`
// separately, so a burst of log lines does not re-render the overview.
import type { Cluster, UIButton, UIResource, UISession, View } from '@slant/api';
import { ClientLogStore } from '../logs/log-store.ts';

/** A value that changes, for React's useSyncExternalStore. */
export class Signal {
  private readonly listeners = new Set<() => void>();
  private readonly defer: ((fn: () => void) => void) | undefined;
  private pending = false;
  version = 0;
  /** With `defer` (e.g. requestAnimationFrame), a burst of changes is told once. */
  constructor(defer?: (fn: () => void) => void) {
    this.defer = defer;
  }
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getVersion = (): number => this.version;
  notify(): void {
    this.version++;
    if (this.defer === undefined) {
      this.tell();
      return;
    }
    if (this.pending) return;
    this.pending = true;
    this.defer(() => {
      this.pending = false;
      this.tell();
    });
  }
  private tell(): void {
    for (const fn of this.listeners) fn();
  }
}

function merge<T extends { metadata: { name: string; deletionTimestamp?: string } }>(
  into: Map<string, T>,
  items: readonly T[] | undefined,
): void {
  for (const o of items ?? []) {
    if (o.metadata.deletionTimestamp !== undefined) into.delete(o.metadata.name);
    else into.set(o.metadata.name, o);
  }
}

export class ViewModel {
  resources = new Map<string, UIResource>();
  buttons = new Map<string, UIButton>();
  clusters = new Map<string, Cluster>();
  session: UISession | undefined;
  tiltStartTime: string | undefined;
  tiltfileKey = '';
  readonly logs: ClientLogStore;
  readonly objects: Signal;
  readonly logSignal: Signal;

  /** `defer` batches re-renders (the app passes requestAnimationFrame: one per frame). */
  constructor(logs = new ClientLogStore(), defer?: (fn: () => void) => void) {
    this.logs = logs;
    this.objects = new Signal(defer);
    this.logSignal = new Signal(defer);
  }

  apply(view: View): void {
    if (view.tiltStartTime !== undefined && view.tiltStartTime !== this.tiltStartTime) {
      // Another run of the server: nothing we hold is current.
      if (this.tiltStartTime !== undefined) this.logs.reset();
      this.tiltStartTime = view.tiltStartTime;
    }
    if (view.isComplete === true) {
      this.resources = new Map();
      this.buttons = new Map();
      this.clusters = new Map();
    }
    if (view.tiltfileKey !== undefined) this.tiltfileKey = view.tiltfileKey;
    if (view.uiSession !== undefined) this.session = view.uiSession;
    const changed =
      view.isComplete === true ||
      view.uiResources !== undefined ||
      view.uiButtons !== undefined ||
      view.clusters !== undefined;
    merge(this.resources, view.uiResources);
    merge(this.buttons, view.uiButtons);
    merge(this.clusters, view.clusters);
    if (changed) {
      this.resources = new Map(this.resources);
      this.objects.notify();
    }
    if (view.logList !== undefined && (view.logList.segments?.length ?? 0) > 0) {
      this.logs.append(view.logList);
      this.logSignal.notify();
    } else if (view.logList?.toCheckpoint !== undefined) {
      this.logs.checkpoint = view.logList.toCheckpoint;
    }
  }

  /** Resources in display order: Tiltfile first, then the Tiltfile's order, then by name. */
  sortedResources(): UIResource[] {
    return [...this.resources.values()].sort((a, b) => {
      const ta = a.metadata.name === '(Tiltfile)' ? -1 : (a.status?.order ?? 0);
      const tb = b.metadata.name === '(Tiltfile)' ? -1 : (b.status?.order ?? 0);
      return ta - tb || a.metadata.name.localeCompare(b.metadata.name);
    });
  }

  /** The complete view as held now (for a snapshot). */
  toView(): View {
    const lines = this.logs.linesOf(undefined);
    const spans: Record<string, { manifestName: string }> = {};
    for (const l of lines) spans[l.spanId] ??= { manifestName: l.manifestName };
    return {
      isComplete: true,
      ...(this.tiltStartTime === undefined ? {} : { tiltStartTime: this.tiltStartTime }),
      tiltfileKey: this.tiltfileKey,
      ...(this.session === undefined ? {} : { uiSession: this.session }),
      uiResources: [...this.resources.values()],
      uiButtons: [...this.buttons.values()],
      clusters: [...this.clusters.values()],
      logList: {
        spans,
        segments: lines.map((l) => ({
          spanId: l.spanId,
          text: `${l.text}\n`,
          time: l.time,
          ...(l.level === 'INFO' ? {} : { level: l.level }),
        })),
        fromCheckpoint: 0,
        toCheckpoint: lines.length,
      },
    };
  }
}
