// Cross-instance messages over PostgreSQL LISTEN/NOTIFY: run events (every API instance
// publishes the runs of every worker to its subscribers), cancel requests (reach whichever
// worker holds the run) and "jobs waiting" wake-ups (an idle worker fetches at once instead of
// at its next poll). One dedicated connection listens and reconnects on its own after a cut;
// NOTIFYs go through an ordinary pool. Messages are hints for speed: the run log stays the
// truth, and whoever waits on a message also re-reads the log (a NOTIFY sent while a listener
// was reconnecting is not redelivered).
import pg from 'pg';
import type { RunEvent } from '../runner/run-events.js';

export const CHANNELS = {
  runEvents: 'eco_run_events',
  cancelRun: 'eco_run_cancel',
  jobsWaiting: 'eco_jobs_waiting',
  /** A token was created or revoked: token caches are stale (src/auth/revision.ts). */
  authRevision: 'eco_auth_revision',
} as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

/** A RunEvent as a NOTIFY payload (JSON; `at` as ISO text). */
export function encodeRunEvent(event: RunEvent): string {
  return JSON.stringify({ ...event, at: event.at.toISOString() });
}

export function decodeRunEvent(payload: string): RunEvent | null {
  try {
    const raw = JSON.parse(payload) as RunEvent & { at: string };
    if (typeof raw.runId !== 'string' || typeof raw.status !== 'string') return null;
    return { ...raw, at: new Date(raw.at) };
  } catch {
    return null;
  }
}

export interface NotifyBusOptions {
  connectionString: string;
  log?: (message: string) => void;
  /** First reconnect delay; doubles up to 5 s while the database stays away. */
  reconnectDelayMs?: number;
}

export class NotifyBus {
  private client: pg.Client | null = null;
  private readonly handlers = new Map<Channel, Set<(payload: string) => void>>();
  private readonly reconnectHandlers = new Set<() => void>();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly notifyPool: pg.Pool;
  private readonly log: (message: string) => void;

  constructor(private readonly options: NotifyBusOptions) {
    this.log = options.log ?? ((message) => console.warn(`[notify] ${message}`));
    this.notifyPool = new pg.Pool({ connectionString: options.connectionString, max: 2, connectionTimeoutMillis: 5_000, allowExitOnIdle: true });
    this.notifyPool.on('error', () => undefined);
  }

  /** Connects and listens; resolves once listening (throws if the first connection fails). */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Whether the listening connection is up (while it is not, notifications may be missed). */
  get listening(): boolean {
    return this.client !== null;
  }

  on(channel: Channel, handler: (payload: string) => void): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => set!.delete(handler);
  }

  /** Called after the listening connection came back (messages in between may be lost). */
  onReconnect(handler: () => void): void {
    this.reconnectHandlers.add(handler);
  }

  async notify(channel: Channel, payload = ''): Promise<void> {
    await this.notifyPool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** Best effort: a lost hint costs latency, never correctness. */
  notifySoon(channel: Channel, payload = ''): void {
    void this.notify(channel, payload).catch((error) => this.log(`NOTIFY ${channel} lost: ${(error as Error).message}`));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
    await this.notifyPool.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.connectionString, connectionTimeoutMillis: 5_000, keepAlive: true });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel as Channel) ?? []) {
        try {
          handler(message.payload ?? '');
        } catch (error) {
          this.log(`handler of ${message.channel} failed: ${(error as Error).message}`);
        }
      }
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (!this.closed) {
        this.log(`listening connection lost${error ? ` (${error.message})` : ''}; reconnecting`);
        this.scheduleReconnect(this.options.reconnectDelayMs ?? 250);
      }
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    await client.connect();
    for (const channel of Object.values(CHANNELS)) await client.query(`LISTEN ${channel}`);
    this.client = client;
  }

  private scheduleReconnect(delayMs: number): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null;
      try {
        await this.connect();
        for (const handler of this.reconnectHandlers) handler();
      } catch {
        this.scheduleReconnect(Math.min(5_000, delayMs * 2));
      }
    }, delayMs);
    this.reconnectTimer.unref();
  }
}
