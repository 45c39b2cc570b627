// Pieces of a resource shown in the table and the detail view: status, trigger button, trigger
// mode toggle, endpoints, pod ID, enable/disable.
import type { UIResource } from '@slant/api';
import { TRIGGER_MODES } from '@slant/api';
import { useState } from 'react';
import { api } from '../app/api.ts';
import { useApp } from '../app/context.ts';
import { ButtonWidget, stopButton } from '../buttons/ButtonWidget.tsx';
import {
  buildStatus,
  combinedStatus,
  isDisabled,
  runtimeStatus,
  type Status,
} from '../app/status.ts';

const WORDS: Record<Status, string> = {
  building: 'Updating…',
  pending: 'Pending',
  healthy: 'Healthy',
  unhealthy: 'Error',
  warning: 'Warning',
  disabled: 'Disabled',
  none: '—',
};

export function StatusDot({ r }: { r: UIResource }) {
  return <span className={`dot status-${combinedStatus(r)}`} />;
}

export function StatusCell({ r }: { r: UIResource }) {
  if (isDisabled(r)) return <span className="status status-disabled">Disabled</span>;
  const b = buildStatus(r);
  const rt = runtimeStatus(r);
  return (
    <span className="status" data-status={combinedStatus(r)}>
      <span className={`status-${b}`}>Update: {WORDS[b]}</span>
      {r.metadata.name !== '(Tiltfile)' && (
        <span className={`status-${rt}`}>Runtime: {WORDS[rt]}</span>
      )}
    </span>
  );
}

/** Runs an action, showing its error (e.g. a refused request) next to the control. */
function useAction(): [string, (p: () => Promise<unknown>) => void] {
  const [error, setError] = useState('');
  return [
    error,
    (p) => {
      p()
        .then(() => setError(''))
        .catch((err: unknown) => setError((err as Error).message));
    },
  ];
}

export function TriggerButton({ r }: { r: UIResource }) {
  const { readOnly, model } = useApp();
  const [error, run] = useAction();
  const building = buildStatus(r) === 'building';
  const queued = r.status?.queued === true;
  const stop = building ? stopButton(model.buttons.values(), r.metadata.name) : undefined;
  if (stop !== undefined) return <ButtonWidget button={stop} />;
  return (
    <>
      <button
        type="button"
        className="trigger"
        title={queued ? 'Update queued' : building ? 'Updating' : 'Trigger an update'}
        aria-label={`Trigger update of ${r.metadata.name}`}
        disabled={readOnly || isDisabled(r) || building || queued}
        onClick={() => run(() => api.trigger(r.metadata.name))}
      >
        {queued ? '⋯' : '↻'}
      </button>
      {error !== '' && <span className="error">{error}</span>}
    </>
  );
}

function isAuto(r: UIResource): boolean {
  const m = r.status?.triggerMode ?? TRIGGER_MODES.auto;
  return m === TRIGGER_MODES.auto || m === TRIGGER_MODES.autoWithManualInit;
}

export function ModeToggle({ r }: { r: UIResource }) {
  const { readOnly } = useApp();
  const [error, run] = useAction();
  if (r.metadata.name === '(Tiltfile)') return null;
  const auto = isAuto(r);
  const next = auto ? TRIGGER_MODES.manual : TRIGGER_MODES.auto;
  return (
    <>
      <button
        type="button"
        className={`mode ${auto ? 'auto' : 'manual'}`}
        aria-label={`Trigger mode of ${r.metadata.name}`}
        title={
          auto
            ? 'Updates on file changes; click for manual'
            : 'Updates only when triggered; click for auto'
        }
        disabled={readOnly}
        onClick={() => run(() => api.setTriggerMode([r.metadata.name], next))}
      >
        {auto ? 'Auto' : 'Manual'}
      </button>
      {error !== '' && <span className="error">{error}</span>}
    </>
  );
}

export function Endpoints({ r }: { r: UIResource }) {
  return (
    <span className="endpoints">
      {(r.status?.endpointLinks ?? []).map((l) => (
        <a key={l.url} href={l.url} target="_blank" rel="noreferrer">
          {l.name || l.url?.replace(/^https?:\/\//, '')}
        </a>
      ))}
    </span>
  );
}

export function PodId({ r }: { r: UIResource }) {
  const pod = r.status?.k8sResourceInfo?.podName;
  if (pod === undefined || pod === '') return null;
  return (
    <button
      type="button"
      className="pod-id"
      title="Copy the pod ID"
      onClick={() => void navigator.clipboard?.writeText(pod)}
    >
      {pod}
    </button>
  );
}

export function DisableToggle({ r, confirm }: { r: UIResource; confirm: boolean }) {
  const { readOnly } = useApp();
  const [error, run] = useAction();
  const [asking, setAsking] = useState(false);
  if (r.metadata.name === '(Tiltfile)') return null;
  const disabled = isDisabled(r);
  const act = () => run(() => api.setDisabled(r.metadata.name, !disabled));
  return (
    <>
      {asking ? (
        <>
          <button
            type="button"
            onClick={() => {
              setAsking(false);
              act();
            }}
          >
            Confirm disable
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button
          type="button"
          disabled={readOnly}
          onClick={() => (confirm && !disabled ? setAsking(true) : act())}
        >
          {disabled ? 'Enable resource' : 'Disable resource'}
        </button>
      )}
      {error !== '' && <span className="error">{error}</span>}
    </>
  );
}

/** `3m ago` style age of a MicroTime, from `now`. */
export function ago(time: string | undefined, now: number): string {
  if (time === undefined || time === '') return '—';
  const s = Math.max(0, Math.round((now - Date.parse(time)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}
