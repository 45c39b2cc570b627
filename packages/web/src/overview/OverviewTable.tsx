// The overview: every resource in a table grouped by label, with a name filter, bulk actions on
// the selected rows and the keyboard (j/k move, x select, r trigger, Enter open, / filter).
import type { UIResource } from '@slant/api';
import { useEffect, useRef, useState } from 'react';
import { api } from '../app/api.ts';
import { resourcePath, useApp, useLogVersion, useResources } from '../app/context.ts';
import { alertsOf, groupByLabel, isDisabled, resourceType } from '../app/status.ts';
import { ButtonWidget, resourceButtons } from '../buttons/ButtonWidget.tsx';
import { ago, Endpoints, ModeToggle, PodId, StatusCell, TriggerButton } from './cells.tsx';

function Row(props: {
  r: UIResource;
  focused: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  now: number;
}) {
  const { r } = props;
  const { model, starred, toggleStar, navigate, href } = useApp();
  const name = r.metadata.name;
  const alerts = alertsOf(r, model.logs);
  return (
    <tr
      className={`${props.focused ? 'focused' : ''} ${isDisabled(r) ? 'row-disabled' : ''}`}
      data-resource={name}
    >
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={props.selected}
          onChange={(e) => props.onSelect(e.target.checked)}
        />
      </td>
      <td>
        <button type="button" className="star" onClick={() => toggleStar(name)} title="Star">
          {starred.has(name) ? '★' : '☆'}
        </button>
      </td>
      <td className="age">{ago(r.status?.lastDeployTime, props.now)}</td>
      <td>
        <TriggerButton r={r} />
      </td>
      <td>
        <a
          href={href(resourcePath(name))}
          onClick={(e) => {
            e.preventDefault();
            navigate(resourcePath(name));
          }}
        >
          {name}
        </a>
        {alerts.errors > 0 && <span className="badge unhealthy">{alerts.errors}</span>}
        {alerts.warnings > 0 && <span className="badge warning">{alerts.warnings}</span>}
      </td>
      <td>{resourceType(r)}</td>
      <td>
        <StatusCell r={r} />
      </td>
      <td>
        <PodId r={r} />
      </td>
      <td>
        <Endpoints r={r} />
      </td>
      <td>
        <ModeToggle r={r} />
      </td>
      <td>
        {resourceButtons(model.buttons.values(), name).map((b) => (
          <ButtonWidget key={b.metadata.name} button={b} />
        ))}
      </td>
    </tr>
  );
}

export function OverviewTable() {
  const { navigate, readOnly } = useApp();
  const all = useResources();
  // The alert badges follow the logs.
  useLogVersion();
  const [filter, setFilter] = useState('');
  const [showDisabled, setShowDisabled] = useState(true);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const filterRef = useRef<HTMLInputElement>(null);
  // The Updated column counts up.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const shown = all.filter(
    (r) =>
      r.metadata.name.toLowerCase().includes(filter.toLowerCase()) &&
      (showDisabled || !isDisabled(r)),
  );
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const groups = groupByLabel(shown);
  // j/k move through the rows in the order they are drawn.
  const drawn = groups.flatMap(([g, rows]) => (collapsed.has(g) ? [] : rows));
  const focused = drawn[Math.min(focus, drawn.length - 1)];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.metaKey || e.ctrlKey) return;
      if (e.key === 'j') setFocus((f) => Math.min(f + 1, drawn.length - 1));
      else if (e.key === 'k') setFocus((f) => Math.max(f - 1, 0));
      else if (e.key === '/') {
        e.preventDefault();
        filterRef.current?.focus();
      } else if (focused === undefined) return;
      else if (e.key === 'Enter') navigate(resourcePath(focused.metadata.name));
      else if (e.key === 'r' && !readOnly) void api.trigger(focused.metadata.name).catch(() => {});
      else if (e.key === 'x') {
        const next = new Set(selected);
        if (next.has(focused.metadata.name)) next.delete(focused.metadata.name);
        else next.add(focused.metadata.name);
        setSelected(next);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const bulk = (act: (name: string) => Promise<unknown>) => {
    for (const name of selected) void act(name).catch(() => {});
    setSelected(new Set());
  };
  return (
    <main className="overview">
      <div className="toolbar">
        <input
          ref={filterRef}
          type="search"
          placeholder="Filter resources by name (/)"
          aria-label="Filter resources"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label>
          <input
            type="checkbox"
            checked={showDisabled}
            onChange={(e) => setShowDisabled(e.target.checked)}
          />
          Show disabled resources
        </label>
        {selected.size > 0 && !readOnly && (
          <span className="bulk" data-testid="bulk-actions">
            {selected.size} selected:
            <button type="button" onClick={() => bulk((n) => api.trigger(n))}>
              Trigger
            </button>
            <button type="button" onClick={() => bulk((n) => api.setDisabled(n, true))}>
              Disable
            </button>
            <button type="button" onClick={() => bulk((n) => api.setDisabled(n, false))}>
              Enable
            </button>
          </span>
        )}
      </div>
      <table className="resources">
        <thead>
          <tr>
            <th />
            <th />
            <th>Updated</th>
            <th>Trigger</th>
            <th>Resource Name</th>
            <th>Type</th>
            <th>Status</th>
            <th>Pod ID</th>
            <th>Endpoints</th>
            <th>Mode</th>
            <th>Widgets</th>
          </tr>
        </thead>
        {groups.map(([group, rows]) => (
          <tbody key={group} data-group={group}>
            <tr className="group-row">
              <td colSpan={11}>
                <button
                  type="button"
                  className="group-toggle"
                  aria-expanded={!collapsed.has(group)}
                  onClick={() => {
                    const next = new Set(collapsed);
                    if (next.has(group)) next.delete(group);
                    else next.add(group);
                    setCollapsed(next);
                  }}
                >
                  {collapsed.has(group) ? '▸' : '▾'} {group}{' '}
                  <span className="muted">({rows.length})</span>
                </button>
              </td>
            </tr>
            {!collapsed.has(group) &&
              rows.map((r) => (
                <Row
                  key={r.metadata.name}
                  r={r}
                  focused={r === focused}
                  selected={selected.has(r.metadata.name)}
                  now={now}
                  onSelect={(on) => {
                    const next = new Set(selected);
                    if (on) next.add(r.metadata.name);
                    else next.delete(r.metadata.name);
                    setSelected(next);
                  }}
                />
              ))}
          </tbody>
        ))}
      </table>
      {shown.length === 0 && <p className="muted">No resources yet.</p>}
    </main>
  );
}
