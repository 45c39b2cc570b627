// Readiness checks of local processes (a Cmd's readinessProbe): one attempt each. Timing,
// thresholds and timeouts are the caller's (the Cmd controller's probe worker, on the Clock);
// an attempt gives up when `signal` aborts.

/** Tilt's prober results; `warning` (e.g. an HTTP redirect) counts as ready. */
export type ProbeResult = 'success' | 'warning' | 'failure' | 'unknown';

export interface ProbeOutcome {
  readonly result: ProbeResult;
  /** What the check said (response body, command output, or the error), for the log. */
  readonly output: string;
}

export interface ProbeChecker {
  /** GET `url`; 2xx is success, 3xx warning, anything else or no answer failure. */
  httpGet(
    url: string,
    headers: readonly (readonly [string, string])[],
    signal: AbortSignal,
  ): Promise<ProbeOutcome>;
  /** Success when a TCP connection opens. */
  tcpSocket(host: string, port: number, signal: AbortSignal): Promise<ProbeOutcome>;
  /** Success when the command exits 0. */
  exec(argv: readonly string[], signal: AbortSignal): Promise<ProbeOutcome>;
}
