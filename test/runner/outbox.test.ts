// The file-backed run outbox across "process restarts" (reopening the same file): order kept,
// a torn last line dropped, replayed entries gone for good, refused entries dead-lettered.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_REFUSALS_PER_ENTRY, RunOutbox } from '../../src/runner/outbox.js';
import type { RunWrite } from '../../src/runner/run-writes.js';

const running = (runId: string): RunWrite => ({ kind: 'running', at: '2026-01-01T00:00:00.000Z', runId });
const failed = (runId: string): RunWrite => ({
  kind: 'fail',
  at: '2026-01-01T00:00:01.000Z',
  runId,
  status: 'FAILED',
  errorCode: 'INVALID_INPUT',
  errorMessage: 'bad',
});
const runIds = (outbox: RunOutbox) => outbox.pending.map((w) => (w.kind === 'insert' ? w.run.id : w.runId));

describe('RunOutbox (file-backed)', () => {
  let dir: string;
  let file: string;
  const opened: RunOutbox[] = [];
  const open = () => {
    const outbox = new RunOutbox(file);
    opened.push(outbox);
    return outbox;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-outbox-'));
    // A subfolder that does not exist yet: the outbox must create it.
    file = path.join(dir, 'nested', 'outbox.jsonl');
  });
  afterEach(() => {
    for (const outbox of opened.splice(0)) outbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('entries survive reopening the file, in append order, one JSON line each', () => {
    const first = open();
    first.append(running('a'));
    first.append(failed('b'));
    first.append(running('c'));
    first.close();

    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => JSON.parse(l).seq)).toEqual([1, 2, 3]);

    const reopened = open();
    expect(reopened.size).toBe(3);
    expect(runIds(reopened)).toEqual(['a', 'b', 'c']);
    expect(reopened.pending[1]).toEqual(failed('b'));
    expect(reopened.holds('b')).toBe(true);
    expect(reopened.holds('zzz')).toBe(false);
    // New appends continue the sequence after what was loaded.
    reopened.append(running('d'));
    reopened.close();
    const seqs = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).seq);
    expect(seqs).toEqual([1, 2, 3, 4]);
  });

  it('a torn last line (crash mid-append) is ignored on reopen, earlier entries kept, later appends intact', () => {
    const first = open();
    first.append(running('a'));
    first.append(running('b'));
    first.close();
    const full = JSON.stringify({ seq: 3, write: running('c') });
    fs.appendFileSync(file, full.slice(0, Math.floor(full.length / 2))); // no newline: torn

    const reopened = open();
    expect(runIds(reopened)).toEqual(['a', 'b']);
    // The torn tail is not a dead letter: it was never acknowledged to anyone.
    expect(fs.existsSync(`${file}.dead`)).toBe(false);
    reopened.append(running('c'));
    reopened.close();

    const again = open();
    expect(runIds(again)).toEqual(['a', 'b', 'c']);
    for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('a corrupt line in the middle is set aside in the .dead file, entries around it kept', () => {
    const first = open();
    first.append(running('a'));
    first.close();
    fs.appendFileSync(file, '{"seq": 2, "write": garbage\n');
    fs.appendFileSync(file, `${JSON.stringify({ seq: 3, write: running('c') })}\n`);

    const reopened = open();
    expect(runIds(reopened)).toEqual(['a', 'c']);
    const dead = fs.readFileSync(`${file}.dead`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(dead).toHaveLength(1);
    expect(dead[0].raw).toBe('{"seq": 2, "write": garbage');
  });

  it('entries applied by replay are not replayed again after reopening', async () => {
    const first = open();
    first.append(running('a'));
    first.append(running('b'));
    first.append(running('c'));
    const applied: string[] = [];
    // The database goes away at the third entry: a and b are applied, c stays.
    const count = await first.replay(
      async (w) => {
        const id = w.kind === 'insert' ? w.run.id : w.runId;
        if (id === 'c') throw new Error('connection refused');
        applied.push(id);
      },
      async () => 'outage',
    );
    expect(count).toBe(2);
    expect(applied).toEqual(['a', 'b']);
    expect(runIds(first)).toEqual(['c']);
    first.close();

    const reopened = open();
    expect(runIds(reopened)).toEqual(['c']);
    expect(reopened.holds('a')).toBe(false);
    const second: string[] = [];
    expect(await reopened.replay(async (w) => void second.push(w.kind === 'insert' ? w.run.id : w.runId), async () => 'outage')).toBe(1);
    expect(second).toEqual(['c']);
    reopened.close();
    expect(open().size).toBe(0);
  });

  it(`an entry refused ${MAX_REFUSALS_PER_ENTRY} times (database up) is dead-lettered and stops blocking later entries`, async () => {
    const outbox = open();
    outbox.append(failed('bad'));
    outbox.append(running('good'));
    const applied: string[] = [];
    const apply = async (w: RunWrite) => {
      const id = w.kind === 'insert' ? w.run.id : w.runId;
      if (id === 'bad') throw new Error('constraint violated');
      applied.push(id);
    };
    for (let attempt = 1; attempt < MAX_REFUSALS_PER_ENTRY; attempt++) {
      expect(await outbox.replay(apply, async () => 'refused')).toBe(0);
      expect(runIds(outbox)).toEqual(['bad', 'good']); // still blocking, still in order
      expect(outbox.deadLettered).toHaveLength(0);
    }
    expect(await outbox.replay(apply, async () => 'refused')).toBe(1);
    expect(applied).toEqual(['good']);
    expect(outbox.size).toBe(0);
    expect(outbox.deadLettered).toHaveLength(1);
    expect(outbox.deadLettered[0]).toMatchObject({ write: failed('bad'), error: 'constraint violated' });
    outbox.close();

    const dead = fs.readFileSync(`${file}.dead`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(dead).toEqual([expect.objectContaining({ write: failed('bad'), error: 'constraint violated' })]);
    expect(open().size).toBe(0); // neither the dead letter nor the applied entry comes back
  });

  it('an outage does not count as a refusal: nothing is dead-lettered however often it fails', async () => {
    const outbox = open();
    outbox.append(running('a'));
    for (let i = 0; i < MAX_REFUSALS_PER_ENTRY + 2; i++) {
      expect(await outbox.replay(() => Promise.reject(new Error('down')), async () => 'outage')).toBe(0);
    }
    expect(runIds(outbox)).toEqual(['a']);
    expect(outbox.deadLettered).toHaveLength(0);
    expect(fs.existsSync(`${file}.dead`)).toBe(false);
  });

  it('concurrent replay calls share one pass (each entry applied once)', async () => {
    const outbox = open();
    outbox.append(running('a'));
    outbox.append(running('b'));
    const applied: string[] = [];
    const apply = async (w: RunWrite) => {
      await new Promise((r) => setTimeout(r, 5));
      applied.push(w.kind === 'insert' ? w.run.id : w.runId);
    };
    const [x, y] = await Promise.all([outbox.replay(apply, async () => 'outage'), outbox.replay(apply, async () => 'outage')]);
    expect(x).toBe(2);
    expect(y).toBe(2);
    expect(applied).toEqual(['a', 'b']);
  });
});

describe('RunOutbox (memory only)', () => {
  it('keeps entries in order without touching the disk', async () => {
    const outbox = new RunOutbox(null);
    outbox.append(running('a'));
    outbox.append(running('b'));
    expect(runIds(outbox)).toEqual(['a', 'b']);
    expect(await outbox.replay(async () => undefined, async () => 'outage')).toBe(2);
    expect(outbox.size).toBe(0);
    outbox.close();
  });
});
