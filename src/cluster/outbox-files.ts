// One run outbox file per server process: worker 1 (and a single process) uses RUN_OUTBOX_PATH
// (default data/run-outbox.jsonl), worker i > 1 the same name with `.w<i>` before the extension.
// Files of workers that no longer exist (an earlier start with more workers) are folded into
// worker 1's before any process opens them, so no deferred run-log write is left behind.
import fs from 'node:fs';
import path from 'node:path';
import { RunOutbox } from '../runner/outbox.js';

export const DEFAULT_OUTBOX_PATH = 'data/run-outbox.jsonl';

export function outboxBasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUN_OUTBOX_PATH?.trim() || DEFAULT_OUTBOX_PATH;
}

/** The outbox file of worker `index` (1-based). */
export function workerOutboxPath(base: string, index: number): string {
  if (index <= 1) return base;
  const { dir, name, ext } = path.parse(base);
  return path.join(dir, `${name}.w${index}${ext}`);
}

/** Existing outbox files of workers with an index above `workers`, lowest index first. */
export function retiredOutboxPaths(base: string, workers: number): string[] {
  const { dir, name, ext } = path.parse(base);
  const pattern = new RegExp(`^${escapeRegExp(name)}\\.w(\\d+)${escapeRegExp(ext)}$`);
  let names: string[];
  try {
    names = fs.readdirSync(dir || '.');
  } catch {
    return [];
  }
  return names
    .map((file) => ({ file, index: Number(pattern.exec(file)?.[1] ?? NaN) }))
    .filter(({ index }) => Number.isInteger(index) && index > workers && index > 1)
    .sort((a, b) => a.index - b.index)
    .map(({ file }) => path.join(dir, file));
}

/**
 * Moves the entries of retired workers' outbox files into `base` (worker 1's file) and deletes
 * them. Call only while no server process runs on these files (before forking).
 */
export function foldRetiredOutboxes(base: string, workers: number): { files: string[]; moved: number } {
  const files = retiredOutboxPaths(base, workers);
  if (files.length === 0) return { files, moved: 0 };
  return { files, moved: RunOutbox.fold(base, files) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
