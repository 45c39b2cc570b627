// The app: a live view of the running session (over the websocket) or of a snapshot file.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Header } from '../header/Header.tsx';
import { OverviewTable } from '../overview/OverviewTable.tsx';
import { ResourcePage } from '../resource/ResourcePage.tsx';
import { fromSnapshot } from '../snapshot/export.ts';
import { SnapshotLoader } from '../snapshot/SnapshotLoader.tsx';
import { connect, type SocketState } from './connection.ts';
import { type AppContext, Ctx } from './context.ts';
import { ViewModel } from './model.ts';
import { resourceOfPath, usePath } from './router.ts';

/** Starred resources, kept per Tiltfile in localStorage (read on each render: it is small). */
function useStars(key: string): [Set<string>, (name: string) => void] {
  const storageKey = `slant-starred:${key}`;
  const [, rerender] = useState(0);
  const raw = window.localStorage.getItem(storageKey);
  const stars = new Set(raw === null ? [] : (JSON.parse(raw) as string[]));
  const toggle = (name: string) => {
    if (stars.has(name)) stars.delete(name);
    else stars.add(name);
    window.localStorage.setItem(storageKey, JSON.stringify([...stars]));
    rerender((n) => n + 1);
  };
  return [stars, toggle];
}

const SERVED_BASE = '/snapshot/local';
const SERVED_DATA = '/api/snapshot/local';

export function App() {
  const [path, navigate] = usePath();
  const [snapshot, setSnapshot] = useState<ViewModel | undefined>(undefined);
  const live = useMemo(
    () => new ViewModel(undefined, (fn) => requestAnimationFrame(() => fn())),
    [],
  );
  const [socket, setSocket] = useState<SocketState>('connecting');
  const offline = path.startsWith('/snapshot');
  // `slant snapshot view FILE` serves the file: the app reads it instead of asking for one.
  const served = path.startsWith(SERVED_BASE);
  const [servedError, setServedError] = useState('');
  useEffect(() => {
    if (!served) return;
    fetch(SERVED_DATA)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${r.statusText}`))))
      .then((t) => setSnapshot(fromSnapshot(t)))
      .catch((err: unknown) =>
        setServedError(`Could not read the served snapshot: ${String(err)}`),
      );
  }, [served]);
  useEffect(() => {
    if (offline) return;
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return connect({
      model: live,
      url: (q) => `${proto}//${window.location.host}/ws/view${q}`,
      onState: setSocket,
    });
  }, [live, offline]);
  const model = offline ? snapshot : live;
  // The stars are per Tiltfile, known once the first view arrives.
  const objects = (model ?? live).objects;
  useSyncExternalStore(objects.subscribe, objects.getVersion);
  const [starred, toggleStar] = useStars(model?.tiltfileKey ?? '');
  if (path === '/' || path === '') {
    navigate('/overview');
    return null;
  }
  if (model === undefined) {
    if (served && servedError === '') return <p className="snapshot-loading">Loading snapshot…</p>;
    return <SnapshotLoader onLoad={setSnapshot} error={servedError} />;
  }
  const base = served ? SERVED_BASE : offline ? '/snapshot' : '';
  const ctx: AppContext = {
    model,
    readOnly: offline,
    starred,
    toggleStar,
    navigate: (p) => navigate(`${base}${p}`),
    href: (p) => `${base}${p}`,
  };
  const resource = resourceOfPath(path.slice(base.length));
  return (
    <Ctx.Provider value={ctx}>
      <Header socket={offline ? 'open' : socket} />
      {offline && <div className="bar snapshot-bar">Viewing a snapshot (read-only)</div>}
      {resource === undefined ? <OverviewTable /> : <ResourcePage name={resource} />}
    </Ctx.Provider>
  );
}
