// Time as an injected dependency: the store stamps objects with it and the engine schedules
// retries with it, so tests drive time by hand instead of sleeping.

/** An opaque handle returned by Clock.setTimeout. */
export type TimerHandle = { readonly id: number };

export interface Clock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The real clock; app.ts passes this one. */
export function systemClock(): Clock {
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 0;
  return {
    now: () => new Date(),
    setTimeout(fn, ms) {
      const id = ++next;
      timers.set(
        id,
        setTimeout(() => {
          timers.delete(id);
          fn();
        }, ms),
      );
      return { id };
    },
    clearTimeout(handle) {
      const t = timers.get(handle.id);
      if (t !== undefined) clearTimeout(t);
      timers.delete(handle.id);
    },
  };
}

interface FakeTimer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/** A hand-driven clock for tests: time moves only on advance(). */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 0;
  private readonly timers = new Map<number, FakeTimer>();

  constructor(start: Date = new Date('2024-01-01T00:00:00Z')) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.nextId;
    this.timers.set(id, { id, due: this.current + Math.max(0, ms), fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Delays of the pending timers from now, soonest first. */
  pendingDelays(): number[] {
    return [...this.timers.values()].map((t) => t.due - this.current).sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers in due order (ties in creation order). */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      let first: FakeTimer | undefined;
      for (const t of this.timers.values()) {
        if (t.due <= end && (first === undefined || t.due < first.due)) first = t;
      }
      if (first === undefined) break;
      this.timers.delete(first.id);
      this.current = first.due;
      first.fn();
    }
    this.current = end;
  }
}
