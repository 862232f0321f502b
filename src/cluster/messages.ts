// What the primary and the worker processes of a cluster tell each other over IPC (JSON).
// Every type starts with "eco:", so anything else on the channel is ignored.
import type { PeerCancelResult } from '../runner/runner.js';
import type { RunEvent } from '../runner/run-events.js';

/** Set by the primary in each worker's environment: its slot (1..N, kept across restarts) and N. */
export const WORKER_INDEX_ENV = 'ECO_WORKER_INDEX';
export const WORKER_COUNT_ENV = 'ECO_WORKER_COUNT';

/** A RunEvent as JSON carries it: `at` as an ISO string. */
export type WireRunEvent = Omit<RunEvent, 'at'> & { at: string };

/** A sibling's answer to "cancel this run if you hold it": not-held, held (cancelling), done. */
export type CancelReply = { state: 'not-held' } | { state: 'held' } | { state: 'done'; result: PeerCancelResult };

/** Worker → primary. */
export type WorkerMessage =
  | { type: 'eco:ready'; url: string; where: string }
  | { type: 'eco:run-event'; event: WireRunEvent }
  /** A worker's cancelRun for a run it does not hold: ask the others. */
  | { type: 'eco:cancel'; requestId: number; runId: string }
  /** A sibling's reply to eco:cancel-held. */
  | { type: 'eco:cancel-reply'; relayId: number; reply: CancelReply };

/** Primary → worker. */
export type PrimaryMessage =
  | { type: 'eco:run-event'; event: WireRunEvent }
  /** Cancel the run if you hold it; answer with eco:cancel-reply under relayId. */
  | { type: 'eco:cancel-held'; relayId: number; runId: string }
  /** The answer to the worker's eco:cancel `requestId`. */
  | { type: 'eco:cancel-answer'; requestId: number; reply: CancelReply }
  /** Shut down gracefully (stop listening, stop the runner, disconnect) and exit. */
  | { type: 'eco:shutdown' };

export function isWorkerMessage(message: unknown): message is WorkerMessage {
  return isEcoMessage(message);
}

export function isPrimaryMessage(message: unknown): message is PrimaryMessage {
  return isEcoMessage(message);
}

function isEcoMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && String((message as { type?: unknown }).type).startsWith('eco:');
}

export function toWire(event: RunEvent): WireRunEvent {
  return { ...event, at: event.at.toISOString() };
}

export function fromWire(event: WireRunEvent): RunEvent {
  return { ...event, at: new Date(event.at) };
}
