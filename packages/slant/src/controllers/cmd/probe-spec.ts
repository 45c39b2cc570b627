// From a Cmd's readinessProbe to a check and its timing (Tilt's probeWorkerFromSpec): unset or
// non-positive fields take the Kubernetes defaults; a bad spec is an error message for
// status.terminated.reason.
import type { Probe } from '@slant/api';
import type { ProbeChecker, ProbeOutcome } from '../../exec/probe-types.ts';
import type { ProbeTiming } from './probe-worker.ts';

export interface ProbePlan {
  readonly timing: ProbeTiming;
  readonly check: (signal: AbortSignal) => Promise<ProbeOutcome>;
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && v > 0 ? v : fallback;
}

function checkPort(port: number): string | undefined {
  return port <= 0 || port > 65535 ? `port number out of range: ${port}` : undefined;
}

/** Go's net.JoinHostPort. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The plan, or the error text (e.g. `port number out of range: 0`). */
export function probePlan(probe: Probe, checker: ProbeChecker): ProbePlan | string {
  const timing: ProbeTiming = {
    initialDelayMs: Math.max(0, probe.initialDelaySeconds ?? 0) * 1000,
    timeoutMs: positive(probe.timeoutSeconds, 1) * 1000,
    periodMs: positive(probe.periodSeconds, 10) * 1000,
    successThreshold: positive(probe.successThreshold, 1),
    failureThreshold: positive(probe.failureThreshold, 3),
  };
  const command = probe.exec?.command ?? [];
  if (probe.exec !== undefined && command.length > 0) {
    return { timing, check: (signal) => checker.exec(command, signal) };
  }
  if (probe.httpGet !== undefined) {
    const h = probe.httpGet;
    const bad = checkPort(h.port);
    if (bad !== undefined) return bad;
    const scheme = (h.scheme ?? '').toLowerCase() || 'http';
    const path = h.path ?? '';
    const url = `${scheme}://${joinHostPort(h.host || 'localhost', h.port)}${path === '' || path.startsWith('/') ? path : `/${path}`}`;
    const headers = (h.httpHeaders ?? []).map((x) => [x.name, x.value] as const);
    return { timing, check: (signal) => checker.httpGet(url, headers, signal) };
  }
  if (probe.tcpSocket !== undefined) {
    const t = probe.tcpSocket;
    const bad = checkPort(t.port);
    if (bad !== undefined) return bad;
    return { timing, check: (signal) => checker.tcpSocket(t.host || 'localhost', t.port, signal) };
  }
  return 'unsupported probe type';
}
