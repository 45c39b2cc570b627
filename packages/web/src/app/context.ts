// What every component reads: the model, whether it is a read-only snapshot, the stars, and
// the path (a tiny router over the History API: /overview, /r/<name>/overview, /snapshot).
import type { UIResource } from '@slant/api';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ViewModel } from './model.ts';

export interface AppContext {
  readonly model: ViewModel;
  /** A snapshot being viewed: no actions. */
  readonly readOnly: boolean;
  readonly starred: ReadonlySet<string>;
  readonly toggleStar: (name: string) => void;
  /** Goes to an app path (under /snapshot when viewing one). */
  readonly navigate: (path: string) => void;
  /** The URL of an app path, for links. */
  readonly href: (path: string) => string;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const c = useContext(Ctx);
  if (c === null) throw new Error('useApp outside the app');
  return c;
}

export function useResources(): UIResource[] {
  const { model } = useApp();
  useSyncExternalStore(model.objects.subscribe, model.objects.getVersion);
  return model.sortedResources();
}

export function useLogVersion(): number {
  const { model } = useApp();
  return useSyncExternalStore(model.logSignal.subscribe, model.logSignal.getVersion);
}

export function resourcePath(name: string): string {
  return `/r/${encodeURIComponent(name)}/overview`;
}
