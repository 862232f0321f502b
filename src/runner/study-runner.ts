// Studies: one design space in, many logged runs out. runStudy validates the spec (nothing is
// written on bad input), stores the study with every trial's parameter values, and returns; the
// trials then go through the ordinary runner one by one (RUNNING → COMPLETED/FAILED, outbox,
// crash sweep, admission), at most a few per worker thread in flight so a 1,000-trial study
// never crowds out other users' runs. SIZING and PARETO first solve the sizing LP in a worker
// thread; each sized design is then simulated as a normal OPTIMAL run.
//
// Durable and resumable: the trials are in Study.trialsJson, each run carries its trialIndex,
// and a process drives a study only while it holds the study's lease (ownerId, leaseAt). On
// start, studies whose lease went stale are claimed: trials without a run are started, trials
// whose only runs CRASHED are started once more, the rest stay as they are.
import { randomUUID } from 'node:crypto';
import type { DbHandle } from '../db/client.js';
import { parseSolverOptions, parseSystemConfig } from '../simulation/config.js';
import type { ConfigIssue, SystemConfig } from '../simulation/types.js';
import { applyParameters, type ParameterValue } from '../studies/parameters.js';
import { expandStudy, studyKind, validateStudySpec, type StudyKind, type StudySpec } from '../studies/spec.js';
import { RunInputError, RunnerOverloadedError } from './errors.js';
import type { SimulationRunner } from './runner.js';
import { TERMINAL_STATUSES } from './run-events.js';
import { shortErrorText } from './run-writes.js';

export const DEFAULT_MAX_TRIALS = 10_000;
/** Trials started per worker thread ahead of their completion: keeps every thread busy. */
const IN_FLIGHT_PER_THREAD = 4;
/** A crashed trial is started again once; crashing twice, it counts as done (CRASHED). */
const MAX_ATTEMPTS = 2;

export interface StudyRequest {
  /** Add trials to this study (it must not be running) instead of creating one. */
  studyId?: string | null;
  name?: string | null;
  description?: string | null;
  system: unknown;
  options?: unknown;
  spec: StudySpec;
  tags?: string[];
  /** The API token's name that asked (null: AUTH=off): the study's createdBy, its trials' startedBy. */
  startedBy?: string | null;
}

export interface StudyRunnerOptions {
  maxTrials?: number;
  /** A lease not renewed for this long may be taken by another process; default 30 s. */
  leaseStaleAfterMs?: number;
  leaseIntervalMs?: number;
  log?: (message: string) => void;
}

export interface StudyProgress {
  total: number;
  queued: number;
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
  done: number;
  trialsPerSecond: number | null;
  etaSeconds: number | null;
}

interface StoredSpec {
  /** Trials of earlier runStudy calls on the same study come first; this call's start here. */
  trialOffset: number;
  system: unknown;
  options: Record<string, unknown>;
  spec: StudySpec;
  tags: string[];
  /** Who started these trials (absent in specs stored before tokens existed). */
  startedBy?: string | null;
}

interface ActiveStudy {
  id: string;
  cancelled: boolean;
  wake: () => void;
  finished: Promise<void>;
}

export class StudyRunner {
  /** This process in study leases. */
  readonly ownerId = randomUUID();
  private readonly active = new Map<string, ActiveStudy>();
  private readonly settings: Required<StudyRunnerOptions>;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly db: DbHandle,
    private readonly runner: SimulationRunner,
    options: StudyRunnerOptions = {},
  ) {
    this.settings = {
      maxTrials: options.maxTrials ?? DEFAULT_MAX_TRIALS,
      leaseStaleAfterMs: options.leaseStaleAfterMs ?? 30_000,
      leaseIntervalMs: options.leaseIntervalMs ?? Math.max(50, Math.floor((options.leaseStaleAfterMs ?? 30_000) / 4)),
      log: options.log ?? ((message) => console.warn(`[studies] ${message}`)),
    };
    // Trial runs ending wake their study's loop, wherever they ran (cluster peers relay events).
    runner.events.subscribe((event) => {
      if (event.studyId && TERMINAL_STATUSES.has(event.status)) this.active.get(event.studyId)?.wake();
    });
    this.timer = setInterval(() => void this.tick().catch((error) => this.settings.log(shortErrorText(error))), this.settings.leaseIntervalMs);
    this.timer.unref();
  }

  get maxTrials(): number {
    return this.settings.maxTrials;
  }

  /** Validates, stores the study and its trials, starts driving it; returns its id at once. */
  async startStudy(request: StudyRequest): Promise<string> {
    const kind = studyKind(request.spec);
    const issues: ConfigIssue[] = [];
    const system = parseSystemConfig(request.system);
    if (!system.ok) issues.push(...system.issues.map((i) => ({ ...i, path: i.path ? `system.${i.path}` : 'system' })));
    const options = parseSolverOptions(request.options ?? {});
    if (!options.ok) issues.push(...options.issues.map((i) => ({ ...i, path: i.path ? `options.${i.path}` : 'options' })));
    if (kind === null) issues.push({ path: '', message: 'give exactly one of parametric, monteCarlo, sizing, pareto' });
    if (system.ok && kind !== null) issues.push(...validateStudySpec(system.config!, request.spec, { maxTrials: this.settings.maxTrials }));
    if (request.studyId == null && !request.name?.trim()) issues.push({ path: 'name', message: 'a new study needs a name' });
    let earlierTrials: ParameterValue[][] = [];
    if (request.studyId != null) {
      const existing = await this.db.prisma.study.findUnique({ where: { id: request.studyId }, select: { status: true, trialsJson: true } });
      if (existing?.trialsJson) earlierTrials = JSON.parse(existing.trialsJson) as ParameterValue[][];
      if (!existing) issues.push({ path: 'studyId', message: `unknown study "${request.studyId}"` });
      else if (existing.status === 'RUNNING') issues.push({ path: 'studyId', message: 'this study is still running: add trials when it has finished' });
    }
    if (issues.length > 0) throw new RunInputError(issues);
    // Admission: a study refused now is refused before anything is written, like a run.
    const pending = this.runner.stats();
    if (pending.held >= this.runner.maxPendingRuns) {
      throw new RunnerOverloadedError(
        { maxPendingRuns: this.runner.maxPendingRuns, pendingRuns: pending.held, maxPendingInputBytes: 0, pendingInputBytes: pending.pendingInputBytes },
        5,
      );
    }

    const sized = kind === 'SIZING' || kind === 'PARETO';
    // Sizing/Pareto solve SOLVERS on the sized designs: each design is an OPTIMAL run.
    const given = options.ok ? options.options : {};
    const runOptions = sized ? { ...given, solver: 'OPTIMAL' } : given;
    const stored: StoredSpec = { trialOffset: earlierTrials.length, system: request.system, options: runOptions as Record<string, unknown>, spec: request.spec, tags: request.tags ?? [], startedBy: request.startedBy ?? null };
    const newTrials = sized ? [] : expandStudy(request.system as SystemConfig, request.spec).map((t) => t.parameters);
    const trials = [...earlierTrials, ...newTrials];
    const now = new Date();
    const data = {
      kind: kind!,
      status: 'RUNNING',
      specJson: JSON.stringify(stored),
      trialsJson: JSON.stringify(trials),
      totalTrials: trials.length + (kind === 'PARETO' ? request.spec.pareto!.points : kind === 'SIZING' ? 1 : 0),
      ownerId: this.ownerId,
      leaseAt: now,
    };
    const study = request.studyId
      ? await this.db.prisma.study.update({ where: { id: request.studyId }, data })
      : await this.db.prisma.study.create({ data: { ...data, name: request.name!.trim(), description: request.description ?? null, createdBy: request.startedBy ?? null } });
    this.drive(study.id);
    return study.id;
  }

  /** Stops starting trials and cancels the running ones. False: no running study has this id. */
  async cancelStudy(studyId: string): Promise<boolean> {
    const { count } = await this.db.prisma.study.updateMany({ where: { id: studyId, status: 'RUNNING' }, data: { status: 'CANCELLED' } });
    if (count === 0) return false;
    const local = this.active.get(studyId);
    if (local) {
      local.cancelled = true;
      local.wake();
    }
    const live = await this.db.prisma.simulationRun.findMany({ where: { studyId, status: { in: ['QUEUED', 'RUNNING'] } }, select: { id: true } });
    await Promise.all(live.map((run) => this.runner.cancelRun(run.id).catch(() => undefined)));
    return true;
  }

  /** Counts per status over the study's trials (derived from its runs; trials not yet started are queued). */
  async progress(studyId: string): Promise<StudyProgress | null> {
    const study = await this.db.prisma.study.findUnique({ where: { id: studyId }, select: { totalTrials: true, kind: true, createdAt: true, status: true } });
    if (!study) return null;
    return studyProgress(this.db, study);
  }

  /** Claims and resumes studies whose driver stopped (start-up, and every lease interval). */
  async resumeAbandoned(): Promise<string[]> {
    const staleBefore = new Date(Date.now() - this.settings.leaseStaleAfterMs);
    const candidates = await this.db.prisma.study.findMany({
      where: { status: 'RUNNING', OR: [{ leaseAt: null }, { leaseAt: { lt: staleBefore } }] },
      select: { id: true, leaseAt: true },
    });
    const claimed: string[] = [];
    for (const candidate of candidates) {
      // Conditional on the lease seen: of two processes claiming at once, one wins.
      const { count } = await this.db.prisma.study.updateMany({
        where: { id: candidate.id, status: 'RUNNING', leaseAt: candidate.leaseAt },
        data: { ownerId: this.ownerId, leaseAt: new Date() },
      });
      if (count === 1 && !this.active.has(candidate.id)) {
        claimed.push(candidate.id);
        this.drive(candidate.id);
      }
    }
    if (claimed.length > 0) this.settings.log(`resumed ${claimed.length} stud${claimed.length === 1 ? 'y' : 'ies'}: ${claimed.join(', ')}`);
    return claimed;
  }

  /** Stops driving (trials already started are the runner's to finish or stop); leases lapse. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    for (const study of this.active.values()) study.wake();
    await Promise.all([...this.active.values()].map((s) => s.finished));
  }

  /** Renews the leases of the studies this process drives; resumes abandoned ones. */
  private async tick(): Promise<void> {
    if (this.closed) return;
    const ids = [...this.active.keys()];
    if (ids.length > 0) {
      await this.db.prisma.study.updateMany({ where: { id: { in: ids }, ownerId: this.ownerId }, data: { leaseAt: new Date() } });
      // A cancel through another process shows here.
      const cancelled = await this.db.prisma.study.findMany({ where: { id: { in: ids }, status: { not: 'RUNNING' } }, select: { id: true } });
      for (const { id } of cancelled) {
        const study = this.active.get(id);
        if (study) {
          study.cancelled = true;
          study.wake();
        }
      }
    }
    await this.resumeAbandoned();
  }

  private drive(studyId: string): void {
    let wake = () => undefined as void;
    const study: ActiveStudy = { id: studyId, cancelled: false, wake: () => wake(), finished: Promise.resolve() };
    this.active.set(studyId, study);
    study.finished = this.loop(study, (fn) => (wake = fn))
      .catch((error) => this.settings.log(`study ${studyId}: ${shortErrorText(error)}`))
      .finally(() => this.active.delete(studyId));
  }

  private async loop(study: ActiveStudy, setWake: (fn: () => void) => void): Promise<void> {
    const row = await this.db.prisma.study.findUniqueOrThrow({ where: { id: study.id } });
    const stored = JSON.parse(row.specJson!) as StoredSpec;
    let trials = JSON.parse(row.trialsJson ?? '[]') as ParameterValue[][];
    const sized = row.kind === 'SIZING' || row.kind === 'PARETO';
    if (sized && trials.length === stored.trialOffset) {
      try {
        trials = [...trials, ...(await this.sizeDesigns(row.kind as StudyKind, stored))];
      } catch (error) {
        // No design to run (infeasible bounds, solver limit): the study ends FAILED, not RUNNING forever.
        await this.db.prisma.study.updateMany({ where: { id: study.id, status: 'RUNNING' }, data: { status: 'FAILED' } });
        throw error;
      }
      await this.db.prisma.study.update({ where: { id: study.id }, data: { trialsJson: JSON.stringify(trials), totalTrials: trials.length } });
    }
    const inFlightLimit = Math.max(1, this.runner.poolSize * IN_FLIGHT_PER_THREAD);
    while (!study.cancelled && !this.closed) {
      const runs = await this.db.prisma.simulationRun.findMany({ where: { studyId: study.id, trialIndex: { not: null } }, select: { trialIndex: true, status: true } });
      const byTrial = new Map<number, string[]>();
      for (const run of runs) byTrial.set(run.trialIndex!, [...(byTrial.get(run.trialIndex!) ?? []), run.status]);
      let inFlight = 0;
      const toStart: number[] = [];
      // Earlier calls' trials are done (a study is added to only when it has finished).
      for (let index = stored.trialOffset; index < trials.length; index++) {
        const statuses = byTrial.get(index) ?? [];
        if (statuses.some((s) => s === 'QUEUED' || s === 'RUNNING')) inFlight++;
        else if (statuses.length === 0 || (statuses.every((s) => s === 'CRASHED') && statuses.length < MAX_ATTEMPTS)) toStart.push(index);
      }
      if (toStart.length === 0 && inFlight === 0) break;
      const waitForEnd = new Promise<void>((resolve) => setWake(resolve));
      let refused = false;
      for (const index of toStart.slice(0, Math.max(0, inFlightLimit - inFlight))) {
        if (study.cancelled || this.closed) break;
        try {
          await this.runner.runSimulation(
            {
              system: applyParameters(stored.system as SystemConfig, trials[index]),
              options: stored.options,
              studyId: study.id,
              tags: stored.tags,
              trial: { index, parameters: trials[index] },
              startedBy: stored.startedBy ?? null,
            },
            { wait: false },
          );
        } catch (error) {
          // Other users' runs fill the server: try again when one of ours ends (or in a second).
          if (error instanceof RunnerOverloadedError) {
            refused = true;
            break;
          }
          throw error;
        }
      }
      // Wait for a trial to end; a timeout also covers runs another process holds (their events
      // may not reach us) and runs that will only end as CRASHED by the sweep.
      await Promise.race([waitForEnd, new Promise((r) => setTimeout(r, refused ? 1000 : 2000).unref())]);
    }
    if (!study.cancelled && !this.closed) {
      await this.db.prisma.study.updateMany({ where: { id: study.id, status: 'RUNNING' }, data: { status: 'COMPLETED' } });
    }
  }

  private async sizeDesigns(kind: StudyKind, stored: StoredSpec): Promise<ParameterValue[][]> {
    const parsed = parseSystemConfig(stored.system);
    if (!parsed.ok) throw new Error('the stored system no longer validates');
    const result = await this.runner.sizeDesigns({
      systemJson: JSON.stringify(stored.system),
      options: stored.options,
      sizing: kind === 'SIZING' ? stored.spec.sizing! : null,
      pareto: kind === 'PARETO' ? stored.spec.pareto! : null,
    });
    return result;
  }
}

/** Trial counts from the study's runs: the latest run of each trial decides its state. */
export async function studyProgress(
  db: DbHandle,
  study: { id?: string; totalTrials: number; createdAt: Date; status: string | null },
  studyId?: string,
): Promise<StudyProgress> {
  const id = studyId ?? study.id!;
  const runs = await db.prisma.simulationRun.findMany({
    where: { studyId: id },
    select: { trialIndex: true, status: true, createdAt: true, finishedAt: true },
    orderBy: { createdAt: 'asc' },
  });
  const latest = new Map<number | string, { status: string; finishedAt: Date | null }>();
  runs.forEach((run, i) => latest.set(run.trialIndex ?? `run${i}`, run));
  const counts = { running: 0, completed: 0, failed: 0, cancelled: 0, queuedRuns: 0 };
  let firstStart: number | null = null;
  let lastFinish: number | null = null;
  for (const run of runs) firstStart = Math.min(firstStart ?? run.createdAt.getTime(), run.createdAt.getTime());
  for (const run of latest.values()) {
    if (run.status === 'RUNNING') counts.running++;
    else if (run.status === 'QUEUED') counts.queuedRuns++;
    else if (run.status === 'COMPLETED') counts.completed++;
    else if (run.status === 'CANCELLED') counts.cancelled++;
    else counts.failed++; // FAILED, and CRASHED twice
    if (run.finishedAt) lastFinish = Math.max(lastFinish ?? 0, run.finishedAt.getTime());
  }
  const total = Math.max(study.totalTrials, latest.size);
  const done = counts.completed + counts.failed + counts.cancelled;
  const queued = study.status === 'CANCELLED' ? counts.queuedRuns : total - done - counts.running;
  const seconds = firstStart !== null && lastFinish !== null ? (lastFinish - firstStart) / 1000 : 0;
  const trialsPerSecond = done > 0 && seconds > 0 ? done / seconds : null;
  const remaining = total - done;
  return {
    total,
    queued,
    running: counts.running,
    completed: counts.completed,
    failed: counts.failed,
    cancelled: counts.cancelled,
    done,
    trialsPerSecond,
    etaSeconds: study.status === 'RUNNING' && trialsPerSecond ? remaining / trialsPerSecond : study.status === 'RUNNING' ? null : 0,
  };
}
