// Live run status for subscribers (GraphQL subscriptions over SSE): the runner publishes every
// status change and, while a run is RUNNING, a progress tick. In-process (in cluster mode,
// src/cluster/worker-link.ts also publishes here the events of the sibling workers); a client
// that reconnects reads the current state from the run log, so a missed event is never the truth.
import type { RunStatus } from '../generated/prisma-sqlite/enums.js';

export interface RunEvent {
  runId: string;
  studyId: string | null;
  status: RunStatus;
  at: Date;
  /** Milliseconds since the run started (RUNNING and later); the engine reports no fraction. */
  elapsedMs: number | null;
  errorCode: string | null;
  /** False while the run's log writes wait in the outbox (the database was unavailable). */
  logged: boolean;
}

export interface RunEventFilter {
  runId?: string;
  studyId?: string;
}

/** A subscriber that stops reading loses its oldest events beyond this, never the process's memory. */
export const MAX_BUFFERED_EVENTS_PER_SUBSCRIBER = 1000;

export const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED']);

export class RunEvents {
  private readonly listeners = new Set<(event: RunEvent) => void>();

  publish(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken subscriber must not stop the run or the other subscribers.
      }
    }
  }

  subscribe(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Events matching the filter, as an async iterator that ends when `signal` aborts or on return(). */
  stream(filter: RunEventFilter = {}, signal?: AbortSignal): AsyncIterableIterator<RunEvent> {
    const buffered: RunEvent[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const matches = (e: RunEvent) =>
      (filter.runId === undefined || e.runId === filter.runId) && (filter.studyId === undefined || e.studyId === filter.studyId);
    const unsubscribe = this.subscribe((event) => {
      if (done || !matches(event)) return;
      buffered.push(event);
      if (buffered.length > MAX_BUFFERED_EVENTS_PER_SUBSCRIBER) buffered.shift();
      wake?.();
    });
    const finish = () => {
      done = true;
      unsubscribe();
      wake?.();
    };
    signal?.addEventListener('abort', finish, { once: true });
    const iterator: AsyncIterableIterator<RunEvent> = {
      async next() {
        while (!done && buffered.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        if (buffered.length > 0) return { value: buffered.shift()!, done: false };
        return { value: undefined, done: true };
      },
      async return() {
        finish();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}
