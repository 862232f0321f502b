// The primary's switchboard between its workers: a run event of one worker goes to every other
// ready worker; a cancel for a run the asking worker does not hold goes to every other ready
// worker, and the one holding the run answers (the others say not-held). The primary holds no
// run state: it only routes messages.
import type { CancelReply, PrimaryMessage, WorkerMessage } from './messages.js';

interface PendingCancel {
  from: number;
  requestId: number;
  /** Siblings that have not answered yet. */
  waiting: Set<number>;
  /** The sibling that said it holds the run (its final answer is awaited). */
  holder: number | null;
}

export class ClusterRelay {
  private readonly workers = new Map<number, (message: PrimaryMessage) => void>();
  private readonly pending = new Map<number, PendingCancel>();
  private nextRelayId = 1;

  /** A worker that serves (said it is ready): it now receives events and cancel requests. */
  add(workerId: number, send: (message: PrimaryMessage) => void): void {
    this.workers.set(workerId, send);
  }

  /** A worker that exited: requests waiting for it are answered without it. */
  remove(workerId: number): void {
    this.workers.delete(workerId);
    for (const [relayId, request] of this.pending) {
      if (request.from === workerId) {
        this.pending.delete(relayId);
      } else if (request.holder === workerId) {
        // It died while cancelling: the run is no one's now (the crash sweep will mark it).
        this.answer(relayId, { state: 'not-held' });
      } else if (request.waiting.delete(workerId)) {
        this.settleIfNoOneHolds(relayId);
      }
    }
  }

  get size(): number {
    return this.workers.size;
  }

  /** Routes one message a worker sent. */
  handle(from: number, message: WorkerMessage): void {
    switch (message.type) {
      case 'eco:run-event':
        for (const [id, send] of this.workers) if (id !== from) send({ type: 'eco:run-event', event: message.event });
        return;
      case 'eco:cancel':
        return this.askSiblings(from, message.requestId, message.runId);
      case 'eco:cancel-reply':
        return this.onReply(from, message.relayId, message.reply);
      default:
        return;
    }
  }

  private askSiblings(from: number, requestId: number, runId: string): void {
    const relayId = this.nextRelayId++;
    const siblings = [...this.workers.keys()].filter((id) => id !== from);
    this.pending.set(relayId, { from, requestId, waiting: new Set(siblings), holder: null });
    for (const id of siblings) this.workers.get(id)!({ type: 'eco:cancel-held', relayId, runId });
    this.settleIfNoOneHolds(relayId);
  }

  private onReply(from: number, relayId: number, reply: CancelReply): void {
    const request = this.pending.get(relayId);
    if (!request || !request.waiting.delete(from)) {
      if (request?.holder === from && reply.state === 'done') this.answer(relayId, reply);
      return;
    }
    if (reply.state === 'held') {
      request.holder = from;
      this.workers.get(request.from)?.({ type: 'eco:cancel-answer', requestId: request.requestId, reply });
    } else if (reply.state === 'done') {
      this.answer(relayId, reply);
    } else {
      this.settleIfNoOneHolds(relayId);
    }
  }

  private settleIfNoOneHolds(relayId: number): void {
    const request = this.pending.get(relayId);
    if (request && request.holder === null && request.waiting.size === 0) this.answer(relayId, { state: 'not-held' });
  }

  private answer(relayId: number, reply: CancelReply): void {
    const request = this.pending.get(relayId);
    if (!request) return;
    this.pending.delete(relayId);
    this.workers.get(request.from)?.({ type: 'eco:cancel-answer', requestId: request.requestId, reply });
  }
}
