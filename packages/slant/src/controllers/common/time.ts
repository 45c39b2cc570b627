// API timestamps: MicroTime strings (RFC 3339 with six fractional digits, as Kubernetes'
// metav1.MicroTime marshals) and ordering of those strings, which may come with any precision.

/** `2024-01-01T00:00:00.123000Z`: JavaScript keeps milliseconds, so the last three digits are 0. */
export function microTime(d: Date): string {
  return `${d.toISOString().slice(0, 23)}000Z`;
}

/** Microseconds since the epoch; 0 for an unset time (Go's zero time sorts before all others). */
export function toMicros(t: string | undefined): number {
  if (t === undefined || t === '') return 0;
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(t);
  if (m === null) return 0;
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(seconds)) return 0;
  const frac = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return seconds * 1000 + Number(frac);
}

/** timecmp.After: whether `a` is strictly later than `b`. */
export function isAfter(a: string | undefined, b: string | undefined): boolean {
  return toMicros(a) > toMicros(b);
}
