// The seam for reading container logs: the PodLogStream controller asks for one container's log
// stream and gets raw chunks back. The real adapter is pod-logs-node.ts, the fake pod-logs-fake.ts.

export interface PodLogRequest {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** Only lines logged at or after this time (the API server truncates it to seconds). */
  readonly sinceTime?: Date;
  /** Keep the stream open and deliver new lines as they are written. */
  readonly follow: boolean;
  /** Prefix every line with its RFC 3339 (nanosecond) timestamp and a space. */
  readonly timestamps: boolean;
}

export interface PodLogSource {
  /**
   * Streams one container's log. Resolves when the stream ends (the container exited, the
   * server closed it, or `signal` was aborted); rejects when it cannot be read (e.g. the pod or
   * container does not exist), with the reason as the message.
   */
  stream(req: PodLogRequest, onChunk: (chunk: string) => void, signal: AbortSignal): Promise<void>;
}
