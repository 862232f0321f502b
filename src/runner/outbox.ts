// Run-log writes the database did not take, kept until it does. With a path, an append-only
// JSON-lines file, fsynced on every append, so a write survives the process; without one,
// memory only (tests, tools). Replay applies the entries in order and stops at the first that
// fails because the database is away; an entry the database answers yet refuses several times
// is moved to `<path>.dead` with the error, so one bad write cannot block every later run.
import fs from 'node:fs';
import path from 'node:path';
import { ownedRunWrite, runIdOf, type RunWrite } from './run-writes.js';

interface Entry {
  seq: number;
  write: RunWrite;
}

export interface DeadLetter {
  write: RunWrite;
  error: string;
  at: string;
}

/** Refusals (with the database up) before an entry is set aside. */
export const MAX_REFUSALS_PER_ENTRY = 3;

export type ReplayVerdict = 'outage' | 'refused';

export class RunOutbox {
  private readonly entries: Entry[] = [];
  private readonly pendingPerRun = new Map<string, number>();
  private readonly deadLetters: DeadLetter[] = [];
  private nextSeq = 1;
  private refusals = 0;
  private fd: number | null = null;
  private replaying: Promise<number> | null = null;

  /** Opens (and creates) the file and loads what an earlier process left in it. */
  constructor(private readonly filePath: string | null) {
    if (!filePath) return;
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    if (fs.existsSync(filePath)) {
      const lines = fs.readFileSync(filePath, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          this.remember(JSON.parse(line) as Entry);
        } catch (error) {
          // Only the last line can be torn by a crash mid-append; anything else is kept aside.
          if (i < lines.length - 1 && lines.slice(i + 1).some((l) => l.trim() !== '')) {
            this.appendDeadLetterLine({ raw: line, error: String(error), at: new Date().toISOString() });
          }
        }
      });
    }
    this.fd = fs.openSync(filePath, 'a');
    // Rewrite at once: drops a torn last line, so later appends start on a fresh line.
    this.persist();
  }

  /**
   * Moves what the outbox files `sources` hold (left by processes that no longer run, e.g. the
   * cluster workers of an earlier start with more workers) to the end of `target`, renumbered
   * after target's own entries, and deletes them (their `.dead` files are appended to target's).
   * A run's writes all live in the file of the process that held it, so the order per run is
   * kept. The target is rewritten (temp + fsync + rename) before any source is removed: a crash
   * in between replays some writes twice, which every write tolerates (they are idempotent).
   * Returns how many entries were moved. No process may have any of these files open.
   */
  static fold(target: string, sources: string[]): number {
    const into = new RunOutbox(target);
    let moved = 0;
    try {
      for (const source of sources) {
        if (path.resolve(source) === path.resolve(target) || !fs.existsSync(source)) continue;
        const from = new RunOutbox(source);
        from.close();
        for (const entry of from.entries) {
          into.remember({ seq: into.nextSeq, write: entry.write });
          moved++;
        }
      }
      if (moved > 0) into.persist();
    } finally {
      into.close();
    }
    for (const source of sources) {
      if (path.resolve(source) === path.resolve(target)) continue;
      const dead = `${source}.dead`;
      if (fs.existsSync(dead)) {
        fs.appendFileSync(`${target}.dead`, fs.readFileSync(dead));
        fs.rmSync(dead);
      }
      fs.rmSync(source, { force: true });
      fs.rmSync(`${source}.tmp`, { force: true });
    }
    return moved;
  }

  get size(): number {
    return this.entries.length;
  }

  get pending(): readonly RunWrite[] {
    return this.entries.map((e) => e.write);
  }

  get deadLettered(): readonly DeadLetter[] {
    return this.deadLetters;
  }

  /** Runs with writes still waiting: their later writes must queue behind them. */
  holds(runId: string): boolean {
    return this.pendingPerRun.has(runId);
  }

  heldRunIds(): string[] {
    return [...this.pendingPerRun.keys()];
  }

  /** Returns once the write is on disk (or in memory without a path). */
  append(write: RunWrite): void {
    // Its own copy of borrowed series bytes: the lender reuses them once the caller is done.
    const entry = { seq: this.nextSeq, write: ownedRunWrite(write) };
    if (this.fd !== null) {
      fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
      fs.fsyncSync(this.fd);
    }
    this.remember(entry);
  }

  /**
   * Applies the entries in order until one fails with the database away. Concurrent callers
   * share one replay. Returns how many entries were applied.
   */
  replay(apply: (write: RunWrite) => Promise<unknown>, judge: (error: unknown) => Promise<ReplayVerdict>): Promise<number> {
    if (!this.replaying) {
      this.replaying = this.replayOnce(apply, judge).finally(() => {
        this.replaying = null;
      });
    }
    return this.replaying;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private async replayOnce(
    apply: (write: RunWrite) => Promise<unknown>,
    judge: (error: unknown) => Promise<ReplayVerdict>,
  ): Promise<number> {
    let applied = 0;
    let removed = 0;
    try {
      while (this.entries.length > 0) {
        const entry = this.entries[0]!;
        try {
          await apply(entry.write);
          applied++;
        } catch (error) {
          if ((await judge(error)) === 'outage') break;
          this.refusals++;
          if (this.refusals < MAX_REFUSALS_PER_ENTRY) break;
          this.deadLetter(entry.write, error);
        }
        this.refusals = 0;
        this.forgetFirst();
        removed++;
      }
    } finally {
      // Entries appended meanwhile are in `entries` already: the rewrite keeps them.
      if (removed > 0) this.persist();
    }
    return applied;
  }

  private remember(entry: Entry): void {
    this.entries.push(entry);
    this.nextSeq = Math.max(this.nextSeq, entry.seq + 1);
    const runId = runIdOf(entry.write);
    this.pendingPerRun.set(runId, (this.pendingPerRun.get(runId) ?? 0) + 1);
  }

  private forgetFirst(): void {
    const entry = this.entries.shift()!;
    const runId = runIdOf(entry.write);
    const left = (this.pendingPerRun.get(runId) ?? 1) - 1;
    if (left === 0) this.pendingPerRun.delete(runId);
    else this.pendingPerRun.set(runId, left);
  }

  private deadLetter(write: RunWrite, error: unknown): void {
    const letter = { write, error: error instanceof Error ? error.message : String(error), at: new Date().toISOString() };
    this.deadLetters.push(letter);
    this.appendDeadLetterLine(letter);
  }

  private appendDeadLetterLine(record: unknown): void {
    if (!this.filePath) return;
    fs.appendFileSync(`${this.filePath}.dead`, `${JSON.stringify(record)}\n`);
  }

  /** Replaces the file with the entries still pending: temp file, fsync, rename, fsync dir. */
  private persist(): void {
    if (!this.filePath) return;
    const temp = `${this.filePath}.tmp`;
    const fd = fs.openSync(temp, 'w');
    try {
      if (this.entries.length > 0) fs.writeSync(fd, this.entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (this.fd !== null) fs.closeSync(this.fd);
    fs.renameSync(temp, this.filePath);
    const dir = fs.openSync(path.dirname(this.filePath), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
    this.fd = fs.openSync(this.filePath, 'a');
  }
}
