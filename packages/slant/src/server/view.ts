// The view the web UI renders: the UIResource, UIButton and Cluster objects, a UISession, and
// the logs. `completeView` is `GET /api/view` and the first websocket message; ViewStream keeps
// one websocket client up to date with incremental updates.
import type {
  ApiObject,
  Cluster,
  LogList,
  Snapshot,
  UIButton,
  UIResource,
  UISession,
  View,
} from '@slant/api';
import { API_VERSION } from '@slant/api';
import type { LogStore } from '../logs/log-store.ts';
import type { ObjectStore } from '../store/store.ts';
import { toLogList } from './log-list.ts';

export const VIEW_KINDS = ['UIResource', 'UIButton', 'Cluster'] as const;

export interface ViewSource {
  readonly store: ObjectStore;
  readonly logs: LogStore;
  /** MicroTime of this run: a client that saw another run starts over. */
  readonly startTime: string;
  readonly version: string;
  readonly tiltfileKey: string;
}

/** What the view says about the session itself. */
export type SessionInfo = Pick<ViewSource, 'startTime' | 'version' | 'tiltfileKey'>;

export function uiSession(src: SessionInfo): UISession {
  return {
    apiVersion: API_VERSION,
    kind: 'UISession',
    metadata: { name: 'Tiltfile' },
    spec: {},
    status: {
      tiltStartTime: src.startTime,
      tiltfileKey: src.tiltfileKey,
      runningTiltBuild: { version: src.version, dev: true },
    },
  };
}

/** The view objects the web UI renders, VIEW_KINDS among them. */
export interface ViewObjects {
  readonly uiResources: UIResource[];
  readonly uiButtons: UIButton[];
  readonly clusters: Cluster[];
}

/** A complete view from its parts: the server's, and `slant dump webview`'s from the API. */
export function viewOf(info: SessionInfo, objects: ViewObjects): View {
  return {
    isComplete: true,
    tiltStartTime: info.startTime,
    tiltfileKey: info.tiltfileKey,
    runningTiltBuild: { version: info.version, dev: true },
    uiSession: uiSession(info),
    uiResources: objects.uiResources,
    uiButtons: objects.uiButtons,
    clusters: objects.clusters,
  };
}

export function completeObjects(src: ViewSource): View {
  return viewOf(src, {
    uiResources: src.store.list('UIResource'),
    uiButtons: src.store.list('UIButton'),
    clusters: src.store.list('Cluster'),
  });
}

/** The whole view with every kept log line (`GET /api/view`). */
export function completeView(src: ViewSource): View {
  return { ...completeObjects(src), logList: logsAfter(src.logs, 0, Number.MAX_SAFE_INTEGER) };
}

/** The session as a snapshot file (`--output-snapshot-on-exit`), as `slant snapshot create`. */
export function snapshotOf(src: ViewSource, now: Date): Snapshot {
  return { view: completeView(src), path: '/', createdAt: now.toISOString() };
}

export function logsAfter(logs: LogStore, afterSeq: number, limit: number): LogList {
  return toLogList(logs.readAfter(afterSeq, limit), afterSeq);
}

/** Puts one changed object into an update; a deleted one carries a deletionTimestamp. */
export function addToView(view: View, obj: ApiObject, deletedAt: string | undefined): void {
  const o =
    deletedAt === undefined
      ? obj
      : { ...obj, metadata: { ...obj.metadata, deletionTimestamp: deletedAt } };
  if (o.kind === 'UIResource') (view.uiResources ??= []).push(o);
  else if (o.kind === 'UIButton') (view.uiButtons ??= []).push(o);
  else if (o.kind === 'Cluster') (view.clusters ??= []).push(o);
}
