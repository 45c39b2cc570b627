// Small pieces of how a Cmd becomes a process: its environment (Slant's own, then the spec's
// `K=V` entries, then extras; the last of a name wins, as Go's exec), the values of a
// UIButton's inputs, and Go's wording for exits and durations.
import type { UIButton, UIInputSpec, UIInputStatus } from '@slant/api';

export function mergeEnv(
  base: Readonly<Record<string, string>>,
  ...entries: readonly (readonly string[])[]
): Record<string, string> {
  const env: Record<string, string> = { ...base };
  for (const list of entries) {
    for (const kv of list) {
      const i = kv.indexOf('=');
      // An entry without `=` cannot be set as a variable; Go would pass it on verbatim.
      if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
    }
  }
  return env;
}

function inputValue(spec: UIInputSpec, status: UIInputStatus | undefined): string {
  if (status?.text !== undefined) return status.text.value;
  if (status?.bool !== undefined) {
    return status.bool.value
      ? (spec.bool?.trueString ?? 'true')
      : (spec.bool?.falseString ?? 'false');
  }
  if (status?.hidden !== undefined) return status.hidden.value;
  if (status?.choice !== undefined) {
    const choices = spec.choice?.choices ?? [];
    // An invalid choice falls back to the first one.
    return choices.includes(status.choice.value) ? status.choice.value : (choices[0] ?? '');
  }
  return '';
}

/** `NAME=value` for each input of the button that triggered the run. */
export function buttonInputEnv(button: UIButton | undefined): string[] {
  if (button === undefined) return [];
  const statuses = new Map((button.status?.inputs ?? []).map((s) => [s.name, s]));
  return (button.spec.inputs ?? []).map((s) => `${s.name}=${inputValue(s, statuses.get(s.name))}`);
}

const SIGNAL_NAMES: Readonly<Record<string, string>> = {
  SIGHUP: 'hangup',
  SIGINT: 'interrupt',
  SIGQUIT: 'quit',
  SIGABRT: 'aborted',
  SIGKILL: 'killed',
  SIGSEGV: 'segmentation fault',
  SIGPIPE: 'broken pipe',
  SIGTERM: 'terminated',
  SIGUSR1: 'user defined signal 1',
  SIGUSR2: 'user defined signal 2',
};

/** Go's ProcessState text: `exit status 2`, `signal: terminated`. */
export function exitReason(code: number | null, signal: string | null): string {
  if (code !== null) return `exit status ${code}`;
  return `signal: ${SIGNAL_NAMES[signal ?? ''] ?? signal ?? 'unknown'}`;
}

/** Go's time.Duration text for whole milliseconds: `500ms`, `30s`, `1m30s`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}
