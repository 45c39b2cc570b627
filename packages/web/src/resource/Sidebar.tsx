// The detail view's sidebar: all resources (starred first) with their status, and "All".
import { resourcePath, useApp, useLogVersion, useResources } from '../app/context.ts';
import { alertsOf } from '../app/status.ts';
import { StatusDot } from '../overview/cells.tsx';

export const ALL = '(all)';

export function Sidebar({ current }: { current: string }) {
  const { starred, navigate, href, model } = useApp();
  const resources = useResources();
  useLogVersion();
  const ordered = [
    ...resources.filter((r) => starred.has(r.metadata.name)),
    ...resources.filter((r) => !starred.has(r.metadata.name)),
  ];
  const link = (name: string, label: string) => (
    <a
      className={name === current ? 'current' : ''}
      href={href(resourcePath(name))}
      onClick={(e) => {
        e.preventDefault();
        navigate(resourcePath(name));
      }}
    >
      {label}
    </a>
  );
  return (
    <nav className="sidebar" aria-label="Resources">
      <div className="sidebar-item">{link(ALL, 'All')}</div>
      {ordered.map((r) => {
        const a = alertsOf(r, model.logs);
        return (
          <div key={r.metadata.name} className="sidebar-item" data-resource={r.metadata.name}>
            <StatusDot r={r} />
            {starred.has(r.metadata.name) && <span className="star">★</span>}
            {link(r.metadata.name, r.metadata.name)}
            {a.errors > 0 && <span className="badge unhealthy">{a.errors}</span>}
            {a.warnings > 0 && <span className="badge warning">{a.warnings}</span>}
          </div>
        );
      })}
    </nav>
  );
}
