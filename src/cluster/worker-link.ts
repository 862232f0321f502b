// A cluster worker's end of the run relay (the primary's end is relay.ts). It forwards every
// event its runner publishes, publishes the siblings' events on its runner's `events` (so a
// subscriber on this process sees every run of the cluster), and is the runner's `peers`:
// cancelRun of a run held by a sibling is asked through the primary. Events received from the
// siblings are never forwarded again (no echo).
import type { CancelOutcome, PeerCancelResult, RunPeers } from '../runner/runner.js';
import type { RunEvent, RunEvents } from '../runner/run-events.js';
import { fromWire, isPrimaryMessage, toWire, type CancelReply, type PrimaryMessage, type WorkerMessage } from './messages.js';

/** The IPC channel to the primary (process.send / process.on('message') in a worker). */
export interface LinkChannel {
  send(message: WorkerMessage): void;
  onMessage(listener: (message: unknown) => void): () => void;
}

/** What the link needs of the runner (SimulationRunner has it). */
export interface LinkedRunner {
  events: RunEvents;
  cancelHeldRun(runId: string): Promise<CancelOutcome> | null;
}

/** How long siblings get to say one of them holds the run before cancelRun gives up on them. */
export const CANCEL_ANSWER_TIMEOUT_MS = 5_000;

interface WaitingCancel {
  timer: NodeJS.Timeout;
  settle(result: PeerCancelResult | null): void;
}

export class WorkerLink implements RunPeers {
  private runner: LinkedRunner | null = null;
  /** Events that came from a sibling: published here, never sent back. */
  private readonly relayed = new WeakSet<RunEvent>();
  private readonly waiting = new Map<number, WaitingCancel>();
  private nextRequestId = 1;
  private stopEvents: (() => void) | null = null;
  private readonly stopMessages: () => void;

  constructor(
    private readonly channel: LinkChannel,
    private readonly options: { answerTimeoutMs?: number } = {},
  ) {
    // Listening from the start: a sibling's cancel before attach() is answered "not held".
    this.stopMessages = channel.onMessage((message) => {
      if (isPrimaryMessage(message)) this.receive(message);
    });
  }

  /** Starts relaying the runner's events and answering the siblings' cancel requests. */
  attach(runner: LinkedRunner): void {
    this.runner = runner;
    this.stopEvents = runner.events.subscribe((event) => {
      if (!this.relayed.has(event)) this.channel.send({ type: 'eco:run-event', event: toWire(event) });
    });
  }

  /** RunPeers: the holding sibling's answer, or null when none holds the run. */
  cancelRun(runId: string): Promise<PeerCancelResult | null> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      const settle = (result: PeerCancelResult | null) => {
        clearTimeout(entry.timer);
        this.waiting.delete(requestId);
        resolve(result);
      };
      const entry: WaitingCancel = { timer: setTimeout(() => settle(null), this.options.answerTimeoutMs ?? CANCEL_ANSWER_TIMEOUT_MS), settle };
      this.waiting.set(requestId, entry);
      this.channel.send({ type: 'eco:cancel', requestId, runId });
    });
  }

  /** Stops relaying; pending cancel requests resolve with null. */
  close(): void {
    this.stopEvents?.();
    this.stopMessages();
    for (const entry of [...this.waiting.values()]) entry.settle(null);
  }

  private receive(message: PrimaryMessage): void {
    switch (message.type) {
      case 'eco:run-event': {
        if (!this.runner) return;
        const event = fromWire(message.event);
        this.relayed.add(event);
        this.runner.events.publish(event);
        return;
      }
      case 'eco:cancel-held':
        return this.cancelIfHeld(message.relayId, message.runId);
      case 'eco:cancel-answer':
        return this.onAnswer(message.requestId, message.reply);
      default:
        return;
    }
  }

  private cancelIfHeld(relayId: number, runId: string): void {
    const reply = (r: CancelReply) => this.channel.send({ type: 'eco:cancel-reply', relayId, reply: r });
    const cancelling = this.runner?.cancelHeldRun(runId) ?? null;
    if (!cancelling) return reply({ state: 'not-held' });
    reply({ state: 'held' });
    cancelling.then(
      (outcome) => {
        const detail = outcome.kind === 'CANCELLED' || outcome.kind === 'ALREADY_FINISHED' ? outcome.outcome : null;
        reply({
          state: 'done',
          result: {
            kind: outcome.kind === 'CANCELLED' ? 'CANCELLED' : 'ALREADY_FINISHED',
            logDeferred: detail?.logDeferred ?? false,
            warnings: detail?.warnings ?? [],
          },
        });
      },
      () => reply({ state: 'not-held' }),
    );
  }

  private onAnswer(requestId: number, reply: CancelReply): void {
    const entry = this.waiting.get(requestId);
    if (!entry) return;
    if (reply.state === 'held') {
      // A sibling holds it and is stopping it: wait for its answer as a local cancel would.
      clearTimeout(entry.timer);
    } else {
      entry.settle(reply.state === 'done' ? reply.result : null);
    }
  }
}

/** The link over this worker process's IPC channel to the primary. */
export function processChannel(proc: NodeJS.Process = process): LinkChannel {
  return {
    send(message) {
      // With a callback, a closed channel is reported there instead of as an 'error' event.
      if (proc.connected) proc.send!(message, undefined, undefined, () => undefined);
    },
    onMessage(listener) {
      proc.on('message', listener);
      return () => proc.off('message', listener);
    },
  };
}
