// The run lifecycle: validate → log RUNNING → simulate in a worker thread → log COMPLETED or
// FAILED. This is the only module that writes a run's status. A failing run-log write never
// costs the caller the simulation's result: it comes back with a warning instead.
import os from 'node:os';
import { Piscina } from 'piscina';
import type { DbHandle } from '../db/client.js';
import { completeRun, failRun, insertRunningRun } from '../db/run-log.js';
import { parseSolverOptions, parseSystemConfig } from '../simulation/config.js';
import type { ConfigIssue, Kpis, SolverKind, SolverStats, SystemConfig } from '../simulation/types.js';
import { ENGINE_VERSION } from '../simulation/version.js';
import type { SimulationTask, SimulationTaskResult } from './simulation-worker.js';

export interface RunRequest {
  system: unknown;
  options?: unknown;
  studyId?: string | null;
  tags?: string[];
  metadata?: Record<string, unknown>;
  idempotencyKey?: string | null;
}

/** What the engine produced, kept for the caller even when the run log could not be written. */
export interface RunResultSummary {
  engineVersion: string;
  kpis: Kpis;
  stats: SolverStats;
  ruleBasedStats: SolverStats | null;
  warnings: string[];
}

type RunRow = Awaited<ReturnType<typeof insertRunningRun>>;

export interface RunOutcome {
  /** The run as logged; null only when the run log could not be written. */
  run: RunRow | null;
  result: RunResultSummary | null;
  /** Problems the caller should see, e.g. a failed run-log write. */
  warnings: string[];
}

/** Bad input: every problem with its path. Nothing has been written. */
export class RunInputError extends Error {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(readonly issues: ConfigIssue[]) {
    super(`Invalid simulation input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'RunInputError';
  }
}

export const MAX_TAGS = 32;
export const MAX_TAG_LENGTH = 64;
export const MAX_METADATA_BYTES = 64 * 1024;
/** How often a running run's heartbeat is refreshed (crash detection looks for stale ones). */
export const HEARTBEAT_INTERVAL_MS = 10_000;

export interface SimulationRunnerOptions {
  /** Worker threads; default: the number of cores. */
  poolSize?: number;
}

export class SimulationRunner {
  private readonly pool: Piscina<SimulationTask, SimulationTaskResult>;

  constructor(
    private readonly db: DbHandle,
    options: SimulationRunnerOptions = {},
  ) {
    const fromSource = import.meta.url.endsWith('.ts');
    const threads = options.poolSize ?? os.availableParallelism();
    this.pool = new Piscina({
      filename: new URL(fromSource ? './simulation-worker.ts' : './simulation-worker.js', import.meta.url).href,
      minThreads: 1,
      maxThreads: threads,
      // Run from TypeScript sources (tsx, vitest), workers need the same loader.
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      idleTimeout: 60_000,
    });
  }

  async runSimulation(request: RunRequest): Promise<RunOutcome> {
    const prepared = await this.validate(request);
    const prisma = this.db.prisma;
    const warnings: string[] = [];

    if (prepared.idempotencyKey) {
      const existing = await prisma.simulationRun.findUnique({ where: { idempotencyKey: prepared.idempotencyKey } });
      if (existing) return { run: existing, result: null, warnings: ['idempotency key seen before: returning the earlier run'] };
    }

    let run: RunRow | null = null;
    try {
      run = await insertRunningRun(prisma, {
        systemName: prepared.config.name,
        solver: prepared.solver,
        objective: prepared.objective,
        timesteps: prepared.config.horizon?.timesteps ?? 8760,
        timestepHours: prepared.config.horizon?.timestepHours ?? 1,
        engineVersion: ENGINE_VERSION,
        studyId: prepared.studyId,
        inputJson: JSON.stringify(prepared.config),
        optionsJson: JSON.stringify(prepared.options),
        tags: prepared.tags,
        metadataJson: JSON.stringify(prepared.metadata),
        idempotencyKey: prepared.idempotencyKey,
      });
    } catch (error) {
      const replay = await this.replayOnDuplicateKey(error, prepared.idempotencyKey);
      if (replay) return replay;
      warnings.push(`run log unavailable, the run was not recorded as RUNNING: ${describe(error)}`);
    }

    const heartbeat = run ? this.startHeartbeat(run.id) : null;
    let outcome: SimulationTaskResult;
    try {
      outcome = await this.pool.run({ system: prepared.config, options: prepared.options });
    } catch (error) {
      outcome = { ok: false, errorCode: 'INTERNAL', errorMessage: `simulation worker failed: ${describe(error)}` };
    } finally {
      if (heartbeat) clearInterval(heartbeat);
    }

    const result: RunResultSummary | null = outcome.ok
      ? {
          engineVersion: outcome.engineVersion,
          kpis: outcome.kpis,
          stats: outcome.stats,
          ruleBasedStats: outcome.ruleBasedStats,
          warnings: outcome.warnings,
        }
      : null;

    if (run) {
      const runId = run.id;
      try {
        run = outcome.ok
          ? await completeRun(prisma, runId, {
              kpis: outcome.kpis,
              stats: outcome.stats,
              warnings: outcome.warnings,
              series: outcome.series,
            })
          : await failRun(prisma, runId, { errorCode: outcome.errorCode, errorMessage: outcome.errorMessage });
      } catch (error) {
        warnings.push(`run log unavailable, the outcome of run ${runId} was not recorded: ${describe(error)}`);
      }
    }
    if (!outcome.ok && !run) {
      warnings.push(`simulation failed (${outcome.errorCode}): ${outcome.errorMessage}`);
    }
    return { run, result, warnings };
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private async validate(request: RunRequest) {
    const issues: ConfigIssue[] = [];
    const system = parseSystemConfig(request.system);
    if (!system.ok) issues.push(...system.issues.map((i) => ({ ...i, path: prefixPath('system', i.path) })));
    const options = parseSolverOptions(request.options ?? {});
    if (!options.ok) issues.push(...options.issues.map((i) => ({ ...i, path: prefixPath('options', i.path) })));

    const tags = request.tags ?? [];
    if (tags.length > MAX_TAGS) issues.push({ path: 'tags', message: `at most ${MAX_TAGS} tags` });
    tags.forEach((tag, i) => {
      if (tag.trim().length === 0) issues.push({ path: `tags[${i}]`, message: 'must not be empty' });
      else if (tag.length > MAX_TAG_LENGTH) issues.push({ path: `tags[${i}]`, message: `at most ${MAX_TAG_LENGTH} characters` });
      else if (tags.indexOf(tag) !== i) issues.push({ path: `tags[${i}]`, message: `duplicate tag "${tag}"` });
    });

    const metadata = request.metadata ?? {};
    if (Buffer.byteLength(JSON.stringify(metadata), 'utf8') > MAX_METADATA_BYTES) {
      issues.push({ path: 'metadata', message: `at most ${MAX_METADATA_BYTES} bytes of JSON` });
    }

    const studyId = request.studyId ?? null;
    if (studyId !== null) {
      const study = await this.db.prisma.study.findUnique({ where: { id: studyId }, select: { id: true } });
      if (!study) issues.push({ path: 'studyId', message: `unknown study "${studyId}"` });
    }

    const idempotencyKey = request.idempotencyKey ?? null;
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
      issues.push({ path: 'idempotencyKey', message: 'must be 1 to 200 characters' });
    }

    if (issues.length > 0 || !system.ok || !options.ok) throw new RunInputError(issues);
    return {
      config: system.config as SystemConfig,
      options: options.options,
      solver: (options.options.solver ?? 'RULE_BASED') as SolverKind,
      objective: options.options.objective ?? 'COST',
      tags,
      metadata,
      studyId,
      idempotencyKey,
    };
  }

  /** Two calls with one idempotency key raced: the loser returns the winner's run. */
  private async replayOnDuplicateKey(error: unknown, idempotencyKey: string | null): Promise<RunOutcome | null> {
    if (!idempotencyKey || (error as { code?: unknown })?.code !== 'P2002') return null;
    const existing = await this.db.prisma.simulationRun.findUnique({ where: { idempotencyKey } });
    return existing ? { run: existing, result: null, warnings: ['idempotency key seen before: returning the earlier run'] } : null;
  }

  private startHeartbeat(runId: string): NodeJS.Timeout {
    const timer = setInterval(() => {
      this.db.prisma.simulationRun
        .update({ where: { id: runId }, data: { heartbeatAt: new Date() } })
        .catch(() => undefined); // a missed heartbeat only matters if the process is gone
    }, HEARTBEAT_INTERVAL_MS);
    timer.unref();
    return timer;
  }
}

function prefixPath(prefix: string, path: string): string {
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
