/**
 * HiGHS (WASM) for this thread: loaded once, warmed up with a tiny solve, every model disposed
 * after use, and every solve counted so a long-lived worker knows when to be recycled (the
 * WASM heap grows to the largest model solved and never shrinks).
 */
import highsImport from 'highs';
import type { Highs, InitOptions, Model, ModelStatusCode, OptionValue } from 'highs';
import type { SolveStatus } from '../types.js';
import type { LpModel } from './lp-model.js';

type HighsLoader = (options?: InitOptions) => Promise<Highs>;

// The package's typings describe a CommonJS module, so under NodeNext the default import is
// typed as the namespace; at run time the ESM build's default export is the loader itself.
const loadHighs: HighsLoader =
  typeof highsImport === 'function'
    ? (highsImport as unknown as HighsLoader)
    : (highsImport as unknown as { default: HighsLoader }).default;

/** After this many solves a worker thread should be replaced to give its WASM memory back. */
export const HIGHS_RECYCLE_AFTER_SOLVES = 2000;

let highsPromise: Promise<Highs> | null = null;
let solveCount = 0;
let warmedUp = false;

/** The thread's HiGHS instance, loaded on first use. */
export function getHighs(): Promise<Highs> {
  if (!highsPromise) {
    highsPromise = loadHighs().catch((error: unknown) => {
      highsPromise = null;
      throw error;
    });
  }
  return highsPromise;
}

/** Number of solves run in this thread since HiGHS was loaded. */
export function highsSolveCount(): number {
  return solveCount;
}

/** True once this thread has run enough solves that it should be recycled. */
export function shouldRecycleHighsThread(): boolean {
  return solveCount >= HIGHS_RECYCLE_AFTER_SOLVES;
}

/** Current WASM linear-memory size, bytes (capacity, not live allocation). */
export async function highsMemoryBytes(): Promise<number> {
  return (await getHighs()).memoryBytes;
}

/**
 * Load HiGHS and solve a small battery-arbitrage LP and a tiny MILP through the same code path
 * as real solves. V8 first runs WASM code from its baseline compiler and re-compiles hot
 * functions with the optimising one only after they have run a while: without this, the first
 * 8760-step solve in a thread took ~1.7–2× as long as later ones; a tiny 2-variable solve does
 * not run the simplex long enough to matter, a 720-step one (~0.2 s) does. Not counted.
 */
export async function warmUpHighs(options: { steps?: number } = {}): Promise<void> {
  const highs = await getHighs();
  if (warmedUp) return;
  const model = highs.createModel();
  try {
    model.options.set({ output_flag: false });
    model.passModel(arbitrageLp(options.steps ?? WARM_UP_STEPS));
    model.run();
    // min x0 + 2 x1  s.t.  1 ≤ x0 + x1 ≤ 3,  x0 − x1 ≤ 0.5,  x integer: the MILP code path.
    model.passModel({
      numCols: 2,
      numRows: 2,
      colCost: [1, 2],
      colLower: [0, 0],
      colUpper: [4, 4],
      rowLower: [1, -Infinity],
      rowUpper: [3, 0.5],
      matrix: {
        format: 'csr',
        numRows: 2,
        numCols: 2,
        starts: new Int32Array([0, 2, 4]),
        indices: new Int32Array([0, 1, 0, 1]),
        values: new Float64Array([1, 1, 1, -1]),
      },
      integrality: new Int32Array([1, 1]),
    });
    model.run();
  } finally {
    model.dispose();
  }
  warmedUp = true;
}

const WARM_UP_STEPS = 720;

/**
 * A battery serving a load from a grid with a varying price, per step t: columns import,
 * charge, discharge, level; rows: import + discharge − charge = load, and
 * level_t − level_{t−1} − 0.95·charge + discharge/0.95 = 0. Same structure as real models.
 */
function arbitrageLp(steps: number) {
  const numCols = 4 * steps;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  const starts = new Int32Array(2 * steps + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower = new Float64Array(2 * steps);
  const rowUpper = new Float64Array(2 * steps);
  for (let t = 0; t < steps; t++) {
    const c = 4 * t;
    const hour = t % 24;
    colCost[c] = 0.2 + 0.1 * Math.sin((2 * Math.PI * hour) / 24) + 0.03 * Math.sin(t * 0.37);
    colUpper[c] = 10;
    colUpper[c + 1] = 5;
    colUpper[c + 2] = 5;
    colLower[c + 3] = 1;
    colUpper[c + 3] = 10;
    const load = 1 + 0.5 * Math.cos((2 * Math.PI * hour) / 24);
    indices.push(c, c + 1, c + 2);
    values.push(1, -1, 1);
    rowLower[2 * t] = rowUpper[2 * t] = load;
    starts[2 * t + 1] = indices.length;
    if (t > 0) {
      indices.push(c - 1);
      values.push(-1);
    }
    indices.push(c + 1, c + 2, c + 3);
    values.push(-0.95, 1 / 0.95, 1);
    rowLower[2 * t + 1] = rowUpper[2 * t + 1] = t === 0 ? 5 : 0;
    starts[2 * t + 2] = indices.length;
  }
  return {
    numCols,
    numRows: 2 * steps,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: {
      format: 'csr' as const,
      numRows: 2 * steps,
      numCols,
      starts,
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
  };
}

export interface HighsSettings {
  timeLimitSeconds?: number;
  mipRelGap?: number;
  /** Further native HiGHS options (e.g. to pin the algorithm in a benchmark). */
  highsOptions?: Readonly<Record<string, OptionValue>>;
}

export interface HighsOutcome {
  status: SolveStatus;
  message: string;
  /** Primal values, present when status is OPTIMAL or FEASIBLE. */
  colValue: Float64Array | null;
  /** The solver's objective value (NaN without a solution). */
  objectiveValue: number;
  /** Simplex + IPM iterations (LP iterations of the branch-and-bound for a MILP). */
  iterations: number;
  mipGap?: number;
  /** Time in HiGHS' solver run(s), ms. */
  solveMs: number;
  /** Time copying the model into HiGHS, ms (not part of solveMs). */
  passModelMs: number;
}

export type SolverErrorCode = 'INFEASIBLE' | 'SOLVER_ERROR' | 'TIME_LIMIT';

/** Thrown when a solve yields no usable dispatch; `code` says why. */
export class SolverError extends Error {
  readonly code: SolverErrorCode;
  readonly status: SolveStatus;

  constructor(code: SolverErrorCode, status: SolveStatus, message: string) {
    super(message);
    this.name = 'SolverError';
    this.code = code;
    this.status = status;
  }
}

/** Throw the SolverError that matches an outcome without a solution. */
export function assertSolution(outcome: HighsOutcome, context: string): asserts outcome is HighsOutcome & { colValue: Float64Array } {
  if (outcome.colValue) return;
  const code: SolverErrorCode =
    outcome.status === 'INFEASIBLE' ? 'INFEASIBLE' : outcome.status === 'TIME_LIMIT' ? 'TIME_LIMIT' : 'SOLVER_ERROR';
  throw new SolverError(code, outcome.status, `${context}: ${outcome.message}`);
}

/**
 * A HiGHS model instance reused for a sequence of solves (e.g. rolling-horizon windows), so
 * the native solver is created once. Call `dispose()` when done.
 */
export class HighsSession {
  private readonly highs: Highs;
  private readonly model: Model;

  private constructor(highs: Highs) {
    this.highs = highs;
    this.model = highs.createModel();
    this.model.options.set({ output_flag: false });
  }

  static async open(): Promise<HighsSession> {
    return new HighsSession(await getHighs());
  }

  dispose(): void {
    this.model.dispose();
  }

  /** Solve `lp` with the given limits; the outcome's status is never thrown. */
  solve(lp: LpModel, settings: HighsSettings = {}): HighsOutcome {
    const model = this.model;
    const isMip = lp.integrality !== null;
    // Options persist in the instance: start every solve from the defaults (the API rejects
    // an infinite time_limit, so "no limit" can only be restored by a reset).
    model.options.reset();
    model.options.set({ output_flag: false });
    if (settings.timeLimitSeconds !== undefined && settings.timeLimitSeconds > 0 && Number.isFinite(settings.timeLimitSeconds)) {
      model.options.set('time_limit', settings.timeLimitSeconds);
    }
    if (isMip && settings.mipRelGap !== undefined) model.options.set('mip_rel_gap', settings.mipRelGap);
    if (settings.highsOptions) model.options.set(settings.highsOptions);
    const passStarted = performance.now();
    model.passModel({
      numCols: lp.numCol,
      numRows: lp.numRow,
      offset: lp.offset,
      colCost: lp.colCost,
      colLower: lp.colLower,
      colUpper: lp.colUpper,
      rowLower: lp.rowLower,
      rowUpper: lp.rowUpper,
      matrix: {
        format: 'csr',
        numRows: lp.numRow,
        numCols: lp.numCol,
        starts: lp.aStart,
        indices: lp.aIndex,
        values: lp.aValue,
      },
      ...(lp.integrality ? { integrality: lp.integrality } : {}),
    });
    const passModelMs = performance.now() - passStarted;
    solveCount++;
    const started = performance.now();
    model.run();
    let modelStatus = model.getModelStatus();
    const codes = this.highs.constants.modelStatus;
    if (modelStatus === codes.unboundedOrInfeasible) {
      // Presolve cannot tell the two apart; without it the simplex can.
      model.options.set({ presolve: 'off' });
      model.run();
      modelStatus = model.getModelStatus();
    }
    const solveMs = performance.now() - started;
    const hasPrimal = Number(model.info.get('primal_solution_status')) === this.highs.constants.solutionStatus.feasible;
    // HiGHS reports the LP iterations of branch-and-bound in simplex_iteration_count too.
    const iterations =
      Math.max(0, Number(model.info.get('simplex_iteration_count'))) +
      Math.max(0, Number(model.info.get('ipm_iteration_count'))) +
      Math.max(0, Number(model.info.get('crossover_iteration_count')));
    const { status, message } = this.classify(modelStatus, hasPrimal);
    const usable = status === 'OPTIMAL' || status === 'FEASIBLE';
    const outcome: HighsOutcome = {
      status,
      message,
      colValue: usable ? (lp.numCol === 0 ? new Float64Array(0) : model.getSolution().colValue) : null,
      objectiveValue: usable ? (lp.numCol === 0 ? lp.offset : model.getObjectiveValue()) : Number.NaN,
      iterations,
      solveMs,
      passModelMs,
    };
    if (isMip && usable) outcome.mipGap = Number(model.info.get('mip_gap'));
    return outcome;
  }

  private classify(modelStatus: ModelStatusCode, hasPrimal: boolean): { status: SolveStatus; message: string } {
    const codes = this.highs.constants.modelStatus;
    switch (modelStatus) {
      case codes.optimal:
        return { status: 'OPTIMAL', message: 'optimal' };
      case codes.empty:
        return { status: 'OPTIMAL', message: 'empty model: nothing to dispatch' };
      case codes.infeasible:
        return { status: 'INFEASIBLE', message: 'the constraints cannot all be met (HiGHS: infeasible)' };
      case codes.unboundedOrInfeasible:
        return { status: 'INFEASIBLE', message: 'HiGHS: infeasible or unbounded' };
      case codes.unbounded:
        return { status: 'ERROR', message: 'HiGHS: the objective is unbounded (a flow without a finite limit earns money)' };
      case codes.timeLimit:
      case codes.iterationLimit:
      case codes.interrupted:
      case codes.solutionLimit:
      case codes.objectiveBound:
      case codes.objectiveTarget: {
        const reason = modelStatusName(modelStatus);
        return hasPrimal
          ? { status: 'FEASIBLE', message: `stopped early (${reason}) with a feasible solution` }
          : { status: 'TIME_LIMIT', message: `stopped early (${reason}) without a feasible solution` };
      }
      default:
        return { status: 'ERROR', message: `HiGHS: ${modelStatusName(modelStatus)}` };
    }
  }
}

function modelStatusName(code: ModelStatusCode): string {
  const names: Record<number, string> = {
    0: 'not set',
    1: 'load error',
    2: 'model error',
    3: 'presolve error',
    4: 'solve error',
    5: 'postsolve error',
    6: 'empty',
    7: 'optimal',
    8: 'infeasible',
    9: 'infeasible or unbounded',
    10: 'unbounded',
    11: 'objective bound reached',
    12: 'objective target reached',
    13: 'time limit reached',
    14: 'iteration limit reached',
    15: 'unknown',
    16: 'solution limit reached',
    17: 'interrupted',
  };
  return names[code] ?? `model status ${code}`;
}

/** Solve one model in a fresh HiGHS instance that is disposed afterwards. */
export async function solveWithHighs(lp: LpModel, settings: HighsSettings = {}): Promise<HighsOutcome> {
  const session = await HighsSession.open();
  try {
    return session.solve(lp, settings);
  } finally {
    session.dispose();
  }
}
