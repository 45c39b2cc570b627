// The server's actions, called with this run's token (read from the cookie the page came with).
import type { TriggerMode, UIButton, UIInputStatus } from '@slant/api';
import { BUILD_REASONS } from '@slant/api';

function token(): string {
  const m = /(?:^|;\s*)Tilt-Token=([^;]*)/.exec(document.cookie);
  return m?.[1] ?? '';
}

async function send(path: string, method: string, body: unknown, type = 'application/json') {
  const res = await fetch(path, {
    method,
    headers: { 'Content-Type': type, 'X-Tilt-Token': token() },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(text.trim() || `${method} ${path}: ${res.status}`);
  return text;
}

const OBJECTS = '/proxy/apis/tilt.dev/v1alpha1';

export const api = {
  trigger: (name: string) =>
    send('/api/trigger', 'POST', {
      manifest_names: [name],
      build_reason: BUILD_REASONS.triggerWeb,
    }),
  setTriggerMode: (names: string[], mode: TriggerMode) =>
    send('/api/override/trigger_mode', 'POST', { manifest_names: names, trigger_mode: mode }),
  /** Tilt's disable: the `<resource>-disable` ConfigMap's `isDisabled`. */
  setDisabled: (name: string, disabled: boolean) =>
    send(
      `${OBJECTS}/configmaps/${encodeURIComponent(`${name}-disable`)}`,
      'PATCH',
      { data: { isDisabled: String(disabled) } },
      'application/merge-patch+json',
    ),
  click: (b: UIButton, inputs: UIInputStatus[], now: Date) =>
    send(`${OBJECTS}/uibuttons/${encodeURIComponent(b.metadata.name)}/status`, 'PUT', {
      ...b,
      status: { lastClickedAt: `${now.toISOString().slice(0, 23)}000Z`, inputs },
    }),
};
