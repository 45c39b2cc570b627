// The app: a live view of the running session (over the websocket) or of a snapshot file.
import { useEffect, useMemo, useState } from 'react';
import { Header } from '../header/Header.tsx';
import { OverviewTable } from '../overview/OverviewTable.tsx';
import { ResourcePage } from '../resource/ResourcePage.tsx';
import { SnapshotLoader } from '../snapshot/SnapshotLoader.tsx';
import { connect, type SocketState } from './connection.ts';
import { type AppContext, Ctx } from './context.ts';
import { ViewModel } from './model.ts';
import { resourceOfPath, usePath } from './router.ts';

function useStars(key: string): [Set<string>, (name: string) => void] {
  const storageKey = `slant-starred:${key}`;
  const [stars, setStars] = useState<Set<string>>(() => new Set());
  useEffect(() => {
    const raw = window.localStorage.getItem(storageKey);
    setStars(new Set(raw === null ? [] : (JSON.parse(raw) as string[])));
  }, [storageKey]);
  const toggle = (name: string) => {
    const next = new Set(stars);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    window.localStorage.setItem(storageKey, JSON.stringify([...next]));
    setStars(next);
  };
  return [stars, toggle];
}

export function App() {
  const [path, navigate] = usePath();
  const [snapshot, setSnapshot] = useState<ViewModel | undefined>(undefined);
  const live = useMemo(
    () => new ViewModel(undefined, (fn) => requestAnimationFrame(() => fn())),
    [],
  );
  const [socket, setSocket] = useState<SocketState>('connecting');
  const offline = path.startsWith('/snapshot');
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
  const [starred, toggleStar] = useStars(model?.tiltfileKey ?? '');
  if (path === '/' || path === '') {
    navigate('/overview');
    return null;
  }
  if (model === undefined) return <SnapshotLoader onLoad={setSnapshot} />;
  const base = offline ? '/snapshot' : '';
  const ctx: AppContext = {
    model,
    readOnly: offline,
    starred,
    toggleStar,
    navigate: (p) => navigate(`${base}${p}`),
    href: (p) => `${base}${p}`,
  };
  const resource = resourceOfPath(path.replace(/^\/snapshot/, ''));
  return (
    <Ctx.Provider value={ctx}>
      <Header socket={offline ? 'open' : socket} />
      {offline && <div className="bar snapshot-bar">Viewing a snapshot (read-only)</div>}
      {resource === undefined ? <OverviewTable /> : <ResourcePage name={resource} />}
    </Ctx.Provider>
  );
}
