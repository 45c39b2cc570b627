// The header: home link, the status summary, starred resources, global buttons, the cluster
// connection, snapshot export, the help dialog, and the reconnecting banner.
import { useEffect, useState } from 'react';
import { ButtonWidget } from '../buttons/ButtonWidget.tsx';
import type { SocketState } from '../app/connection.ts';
import { resourcePath, useApp, useResources } from '../app/context.ts';
import { combinedStatus, summarize } from '../app/status.ts';
import { downloadSnapshot } from '../snapshot/export.ts';

const SHORTCUTS: [string, string][] = [
  ['j / k', 'select the next / previous resource'],
  ['x', 'select the resource for a bulk action'],
  ['r', 'trigger an update of the resource'],
  ['Enter', 'open the resource'],
  ['/', 'search the logs, or filter the resources'],
  ['Shift+1…9', 'open an endpoint of the resource'],
  ['s', 'save a snapshot'],
  ['?', 'this help'],
];

function ClusterStatus() {
  const { model } = useApp();
  useResources();
  const clusters = [...model.clusters.values()];
  if (clusters.length === 0) return null;
  const err = clusters.find((c) => (c.status?.error ?? '') !== '');
  return (
    <span
      className={`cluster ${err === undefined ? 'ok' : 'error'}`}
      title={
        err?.status?.error ??
        `connected${clusters[0]?.status?.version ? `, ${clusters[0].status.version}` : ''}`
      }
      data-testid="cluster-status"
    >
      {err === undefined ? 'Cluster: connected' : `Cluster: ${err.status?.error ?? ''}`}
    </span>
  );
}

export function Header({ socket }: { socket: SocketState }) {
  const { model, starred, navigate, href, readOnly } = useApp();
  const resources = useResources();
  const s = summarize(resources);
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === '?') setHelp((h) => !h);
      else if (e.key === 'Escape') setHelp(false);
      else if (e.key === 's' && !e.metaKey && !e.ctrlKey) downloadSnapshot(model);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [model]);
  const globals = [...model.buttons.values()].filter(
    (b) => b.spec.location.componentType.toLowerCase() === 'global',
  );
  return (
    <>
      <header className="header">
        <a
          className="logo"
          href={href('/overview')}
          onClick={(e) => {
            e.preventDefault();
            navigate('/overview');
          }}
        >
          Slant
        </a>
        <span className="summary" data-testid="status-summary">
          <span className="count unhealthy" title="errors">
            {s.error} err
          </span>
          <span className="count warning" title="warnings">
            {s.warning} warn
          </span>
          <span className="count pending" title="pending">
            {s.pending} pending
          </span>
          <span className="count healthy" title="healthy">
            {s.healthy}/{s.total - s.disabled} healthy
          </span>
          {s.disabled > 0 && <span className="count disabled">{s.disabled} disabled</span>}
        </span>
        <span className="starred">
          {resources
            .filter((r) => starred.has(r.metadata.name))
            .map((r) => (
              <a
                key={r.metadata.name}
                className={`star-link status-${combinedStatus(r)}`}
                href={href(resourcePath(r.metadata.name))}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(resourcePath(r.metadata.name));
                }}
              >
                ★ {r.metadata.name}
              </a>
            ))}
        </span>
        <span className="spacer" />
        {globals.map((b) => (
          <ButtonWidget key={b.metadata.name} button={b} />
        ))}
        <ClusterStatus />
        {!readOnly && (
          <button type="button" onClick={() => downloadSnapshot(model)} title="Save a snapshot (s)">
            Snapshot
          </button>
        )}
        <button type="button" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)">
          ?
        </button>
      </header>
      {socket === 'reconnecting' && <div className="bar socket-bar">Reconnecting…</div>}
      {help && (
        <div className="dialog" role="dialog" aria-label="Keyboard shortcuts">
          <h2>Keyboard shortcuts</h2>
          <table>
            <tbody>
              {SHORTCUTS.map(([k, what]) => (
                <tr key={k}>
                  <td>
                    <kbd>{k}</kbd>
                  </td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => setHelp(false)}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
