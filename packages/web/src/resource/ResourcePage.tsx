// One resource (or all): the sidebar, the action bar (endpoints, pod, buttons, enable/disable,
// log filters, search, copy, follow) and the logs; the Tiltfile's error with its location.
import type { UIResource } from '@slant/api';
import { useEffect, useRef, useState } from 'react';
import { api } from '../app/api.ts';
import { useApp, useLogVersion, useResources } from '../app/context.ts';
import { ButtonWidget, resourceButtons } from '../buttons/ButtonWidget.tsx';
import { stripAnsi } from '../logs/ansi.ts';
import { type LevelFilter, parseSearch } from '../logs/filter.ts';
import { FilteredLines } from '../logs/filtered.ts';
import { LogPane } from '../logs/LogPane.tsx';
import type { Source } from '../logs/log-store.ts';
import {
  DisableToggle,
  Endpoints,
  ModeToggle,
  PodId,
  StatusCell,
  TriggerButton,
} from '../overview/cells.tsx';
import { ALL, Sidebar } from './Sidebar.tsx';

function ErrorBox({ r }: { r: UIResource }) {
  const err = r.status?.buildHistory?.[0]?.error;
  if (err === undefined || err === '' || r.status?.currentBuild?.startTime !== undefined) {
    return null;
  }
  return (
    <pre className="error-box" data-testid="build-error">
      {err}
    </pre>
  );
}

export function ResourcePage({ name }: { name: string }) {
  const { model, readOnly } = useApp();
  const resources = useResources();
  const logVersion = useLogVersion();
  const r = resources.find((x) => x.metadata.name === name);
  const [source, setSource] = useState<Source>('all');
  const [level, setLevel] = useState<LevelFilter>('all');
  const [term, setTerm] = useState('');
  const [follow, setFollow] = useState(true);
  const cache = useRef(new FilteredLines());
  const searchRef = useRef<HTMLInputElement>(null);
  const search = parseSearch(term);
  const filter = { source, level, search };
  const all = model.logs.linesOf(name === ALL ? undefined : name);
  const lines = cache.current.get(all, filter, `${name}|${source}|${level}|${term}`);
  const endpoints = r?.status?.endpointLinks ?? [];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.metaKey || e.ctrlKey) return;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'r' && r !== undefined && !readOnly) {
        void api.trigger(r.metadata.name).catch(() => {});
      } else if (e.shiftKey && /^Digit[1-9]$/.test(e.code)) {
        const link = endpoints[Number(e.code.slice(5)) - 1];
        if (link?.url !== undefined) window.open(link.url, '_blank', 'noreferrer');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const copy = () => {
    void navigator.clipboard?.writeText(lines.map((l) => stripAnsi(l.text)).join('\n'));
  };
  return (
    <main className="detail">
      <Sidebar current={name} />
      <section className="detail-main">
        <div className="action-bar">
          <h1 data-testid="resource-name">{name === ALL ? 'All resources' : name}</h1>
          {r !== undefined && (
            <>
              <TriggerButton r={r} />
              <StatusCell r={r} />
              <Endpoints r={r} />
              <PodId r={r} />
              <ModeToggle r={r} />
              {resourceButtons(model.buttons.values(), name).map((b) => (
                <ButtonWidget key={b.metadata.name} button={b} />
              ))}
              <DisableToggle r={r} confirm />
            </>
          )}
        </div>
        {r !== undefined && <ErrorBox r={r} />}
        <div className="log-filters">
          <fieldset className="levels" aria-label="Log level">
            {(
              [
                ['all', 'All Levels'],
                ['warn', `Warnings (${cache.current.warnings})`],
                ['error', `Errors (${cache.current.errors})`],
              ] as const
            ).map(([v, label]) => (
              <button
                key={v}
                type="button"
                aria-pressed={level === v}
                className={level === v ? 'on' : ''}
                onClick={() => setLevel(v)}
              >
                {label}
              </button>
            ))}
          </fieldset>
          <select
            aria-label="Log source"
            value={source}
            onChange={(e) => setSource(e.target.value as Source)}
          >
            <option value="all">All Sources</option>
            <option value="build">Build</option>
            <option value="runtime">Runtime</option>
          </select>
          <input
            ref={searchRef}
            type="search"
            aria-label="Search logs"
            placeholder="Search logs: text, or /regex/ (/)"
            value={term}
            onChange={(e) => setTerm(e.target.value)}
            className={search?.error === undefined ? '' : 'invalid'}
            title={search?.error ?? ''}
          />
          {search?.error !== undefined && <span className="error">{search.error}</span>}
          <span className="muted" data-testid="line-count">
            {lines.length} lines
          </span>
          <button type="button" onClick={copy}>
            Copy
          </button>
          <button type="button" onClick={() => setFollow(!follow)}>
            {follow ? 'Pause' : 'Follow'}
          </button>
        </div>
        <LogPane
          lines={lines}
          version={logVersion}
          search={search}
          prefix={name === ALL}
          follow={follow}
          setFollow={setFollow}
        />
      </section>
    </main>
  );
}
