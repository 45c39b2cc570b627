// Readiness probes for processes (Cmd), shaped like Kubernetes container probes.

/** A header sent with an HTTP probe. */
export interface HTTPHeader {
  name: string;
  value: string;
}

export type URIScheme = 'HTTP' | 'HTTPS';

/** Probe by HTTP GET; any 2xx or 3xx status is success. */
export interface HTTPGetAction {
  path?: string;
  port: number;
  /** Defaults to localhost. */
  host?: string;
  /** Defaults to HTTP. */
  scheme?: URIScheme;
  httpHeaders?: HTTPHeader[];
}

/** Probe by opening a TCP connection. */
export interface TCPSocketAction {
  port: number;
  /** Defaults to localhost. */
  host?: string;
}

/** Probe by running a command; exit status 0 is success. */
export interface ExecAction {
  command?: string[];
}

/** The check a probe runs. Exactly one field should be set. */
export interface Handler {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
}

/** A periodic check; the handler's fields sit inline next to the timing fields. */
export interface Probe extends Handler {
  initialDelaySeconds?: number;
  /** Defaults to 1. */
  timeoutSeconds?: number;
  /** Defaults to 10. */
  periodSeconds?: number;
  /** Consecutive successes needed after a failure. Defaults to 1. */
  successThreshold?: number;
  /** Consecutive failures needed after a success. Defaults to 3. */
  failureThreshold?: number;
}
