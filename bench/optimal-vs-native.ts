/**
 * OPTIMAL LP at 8760 h (residential PV + battery + grid + demand): HiGHS WASM vs native HiGHS.
 *
 *   npx tsx bench/optimal-vs-native.ts [--repeats 5] [--cold-runs 3]
 *
 * WASM side, each in a fresh worker thread:
 *   cold      first solve after loading HiGHS (load, model build and solve reported apart)
 *   warmed    first real solve after `warmUpHighs()` (what a pool worker does at start)
 *   warm      median of further solves in the same thread
 * Native side: the same model written as MPS to bench/out/ and solved by
 * bench/native_highs.py (SciPy's bundled HiGHS, via linprog and via its direct binding).
 * Both sides run the same algorithm (dual simplex, presolve on, default tolerances); HiGHS'
 * "choose" picks the same dual simplex for these LPs (identical iteration counts), so the
 * end-to-end solveOptimal figure uses the engine's defaults. Medians and minima are both
 * printed: other work on a shared machine only ever adds time, so minima are the steadier
 * basis for a ratio.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { formatIssue, parseSystemConfig } from '../src/simulation/config.js';
import { resolveSystem } from '../src/simulation/resolve.js';
import type { ResolvedSystem, SolverOptions } from '../src/simulation/types.js';
import { HighsSession, getHighs, warmUpHighs, type HighsSettings } from '../src/simulation/solvers/highs.js';
import { buildLpModel, buildTopology, type LpModel } from '../src/simulation/solvers/lp-model.js';
import { writeMps } from '../src/simulation/solvers/mps.js';
import { solveOptimal } from '../src/simulation/solvers/optimal.js';
import { battery, buildSystem, conn, demand, grid, pv } from '../test/simulation/fixtures.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const EXAMPLE = join(HERE, '..', 'examples', 'residential-pv-battery.json');
const OPTIONS: SolverOptions = { solver: 'OPTIMAL', objective: 'COST' };
/** Pinned on both sides so the comparison is algorithm for algorithm. */
const DUAL_SIMPLEX = { solver: 'simplex', simplex_strategy: 1, presolve: 'on' } as const;

// ---------------------------------------------------------------------------------------------
// The system: the example config through resolveSystem, or a built one if it is missing.
// ---------------------------------------------------------------------------------------------

async function loadSystem(): Promise<{ system: ResolvedSystem; source: string }> {
  if (existsSync(EXAMPLE)) {
    const raw = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { system: unknown };
    const parsed = parseSystemConfig(raw.system);
    if (!parsed.ok) throw new Error(`${EXAMPLE}: ${parsed.issues.map(formatIssue).join('; ')}`);
    return { system: resolveSystem(parsed.config), source: 'examples/residential-pv-battery.json' };
  }
  return { system: builtResidentialSystem(), source: 'built in bench (synthetic 8760 h profiles)' };
}

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 5 kWp PV, 10 kWh battery, ~4 MWh/yr household, hourly dynamic tariff; latitude 52°. */
function builtResidentialSystem(): ResolvedSystem {
  const T = 8760;
  const random = uniform(42);
  const pvKw = new Float64Array(T);
  const demandKw = new Float64Array(T);
  const importPrice = new Float64Array(T);
  let cloud = 0.5;
  const latitudeRad = (52 * Math.PI) / 180;
  for (let t = 0; t < T; t++) {
    const day = Math.floor(t / 24);
    const hour = t % 24;
    if (hour === 0) cloud = 0.7 * cloud + 0.3 * random();
    const declination = ((23.44 * Math.PI) / 180) * Math.sin((2 * Math.PI * (284 + day + 1)) / 365);
    const hourAngle = ((hour + 0.5 - 12) * 15 * Math.PI) / 180;
    const sinElevation =
      Math.sin(latitudeRad) * Math.sin(declination) + Math.cos(latitudeRad) * Math.cos(declination) * Math.cos(hourAngle);
    pvKw[t] = sinElevation > 0 ? 5 * 0.85 * sinElevation ** 1.15 * (1 - 0.75 * cloud) : 0;
    const winter = 0.5 + 0.5 * Math.cos((2 * Math.PI * day) / 365);
    const shape = 0.25 + 0.35 * Math.exp(-(((hour - 7.5) / 1.5) ** 2)) + 0.6 * Math.exp(-(((hour - 19) / 2.2) ** 2));
    demandKw[t] = (0.9 + 0.2 * random()) * shape * (0.8 + 0.4 * winter);
    importPrice[t] = 0.22 + 0.08 * Math.exp(-(((hour - 18.5) / 2.5) ** 2)) - 0.05 * Math.exp(-(((hour - 13) / 2.5) ** 2)) + 0.02 * (random() - 0.5);
  }
  return buildSystem({
    name: 'residential-pv-battery (bench)',
    timesteps: T,
    components: [
      grid({ importPrice, exportPrice: 0.08, co2: 0.4, maxImportKw: 20, maxExportKw: 10 }),
      pv({ availableKw: pvKw, ratedKw: 5, economics: { variableOmEurPerKwh: 0.001 } }),
      battery({
        energyKwh: 10,
        maxChargeKw: 5,
        maxDischargeKw: 5,
        chargeEfficiency: 0.95,
        dischargeEfficiency: 0.95,
        socMin: 0.1,
        socMax: 1,
        initialSoc: 0.5,
        lossPerHour: 0.0001,
        terminalCondition: 'CYCLIC',
        economics: { variableOmEurPerKwh: 0.01 },
      }),
      demand({ demandKw }),
    ],
    connections: [
      conn('pv', 'demand'),
      conn('pv', 'battery'),
      conn('pv', 'grid'),
      conn('grid', 'demand'),
      conn('grid', 'battery'),
      conn('battery', 'demand'),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Worker side.
// ---------------------------------------------------------------------------------------------

interface WorkerRequest {
  mode: 'cold' | 'warmed';
  repeats: number;
  highsOptions?: HighsSettings['highsOptions'];
}

interface WorkerReport {
  mode: string;
  loadMs: number;
  warmUpMs?: number;
  buildMs: number;
  firstSolveMs: number;
  firstPassModelMs: number;
  warmSolveMs: number[];
  warmPassModelMs: number[];
  objective: number;
  iterations: number;
  status: string;
  endToEndMs?: number[];
}

async function runWorker(request: WorkerRequest): Promise<WorkerReport> {
  const { system } = await loadSystem();
  let started = performance.now();
  await getHighs();
  const loadMs = performance.now() - started;
  let warmUpMs: number | undefined;
  if (request.mode === 'warmed') {
    started = performance.now();
    await warmUpHighs();
    warmUpMs = performance.now() - started;
  }
  started = performance.now();
  const lp = buildLpModel(buildTopology(system), OPTIONS, { startStep: 0, steps: system.timesteps, applyTerminal: true });
  const buildMs = performance.now() - started;
  const settings: HighsSettings = request.highsOptions ? { highsOptions: request.highsOptions } : {};

  const session = await HighsSession.open();
  try {
    const first = session.solve(lp, settings);
    const warmSolveMs: number[] = [];
    const warmPassModelMs: number[] = [];
    for (let i = 0; i < request.repeats; i++) {
      const outcome = session.solve(lp, settings);
      warmSolveMs.push(outcome.solveMs);
      warmPassModelMs.push(outcome.passModelMs);
    }
    const report: WorkerReport = {
      mode: request.mode,
      loadMs,
      warmUpMs,
      buildMs,
      firstSolveMs: first.solveMs,
      firstPassModelMs: first.passModelMs,
      warmSolveMs,
      warmPassModelMs,
      objective: first.objectiveValue,
      iterations: first.iterations,
      status: first.status,
    };
    if (request.mode === 'warmed' && !request.highsOptions) {
      // The engine's whole path: topology, model, solve, dispatch read-back, objective.
      report.endToEndMs = [];
      for (let i = 0; i < Math.min(3, request.repeats); i++) {
        const t0 = performance.now();
        await solveOptimal(system, OPTIONS);
        report.endToEndMs.push(performance.now() - t0);
      }
    }
    return report;
  } finally {
    session.dispose();
  }
}

function inFreshWorker(request: WorkerRequest): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    // Node 20 workers do not inherit tsx's ESM hooks (neither `--import tsx` nor inherited
    // execArgv helps); registering tsx inside the worker before importing this file does.
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: request });
    worker.once('message', (report: WorkerReport) => {
      resolve(report);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker exited with ${code}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Main side.
// ---------------------------------------------------------------------------------------------

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;

interface NativeReport {
  scipy_version: string;
  columns: number;
  rows: number;
  nonzeros: number;
  linprog: { status: number; message: string; objective: number; iterations: number; all_ms: number[] };
  direct: { status?: string; objective?: number; iterations?: number; all_ms?: number[]; highs_version?: string; error?: string };
}

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const repeats = argument('--repeats', 5);
  const coldRuns = argument('--cold-runs', 3);
  const { system, source } = await loadSystem();
  const lp: LpModel = buildLpModel(buildTopology(system), OPTIONS, { startStep: 0, steps: system.timesteps, applyTerminal: true });
  console.log(`system: ${source}; ${system.timesteps} steps; LP ${lp.numCol} columns, ${lp.numRow} rows, ${lp.aIndex.length} nonzeros`);

  const outDir = join(HERE, 'out');
  mkdirSync(outDir, { recursive: true });
  const mpsPath = join(outDir, 'residential-8760.mps');
  writeFileSync(mpsPath, writeMps(lp, { modelName: 'residential_8760' }));

  // Several fresh workers: on a shared 2-core machine one sample says little.
  const cold: WorkerReport[] = [];
  for (let i = 0; i < coldRuns; i++) cold.push(await inFreshWorker({ mode: 'cold', repeats, highsOptions: DUAL_SIMPLEX }));
  const warmed: WorkerReport[] = [];
  for (let i = 0; i < coldRuns; i++) warmed.push(await inFreshWorker({ mode: 'warmed', repeats: i === 0 ? repeats : 1, highsOptions: i === 0 ? undefined : DUAL_SIMPLEX }));

  const nativeJson = execFileSync('python3', [join(HERE, 'native_highs.py'), mpsPath, '--repeats', String(2 * repeats), '--method', 'highs-ds'], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const native = JSON.parse(nativeJson) as NativeReport;

  const coldFirst = cold.map((r) => r.firstSolveMs);
  const warmedFirst = warmed.map((r) => r.firstSolveMs);
  const warmAll = cold.flatMap((r) => r.warmSolveMs).concat(warmed.flatMap((r) => r.warmSolveMs));
  const nativeAll = native.linprog.all_ms;
  const directAll = native.direct.all_ms ?? [];
  const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));
  const stat = (xs: number[]): string => `median ${ms(median(xs))}, min ${ms(Math.min(...xs))} (n=${xs.length})`;
  const ratio = (a: number[], b: number[]): string =>
    `${(median(a) / median(b)).toFixed(2)}× on medians, ${(Math.min(...a) / Math.min(...b)).toFixed(2)}× on minima`;

  console.log('\nHiGHS WASM (highs npm 1.15, dual simplex, presolve on), fresh worker threads:');
  console.log(`  load HiGHS in a fresh worker      ${stat(cold.map((r) => r.loadMs))}`);
  console.log(`  build LP model                    ${stat(cold.map((r) => r.buildMs))}`);
  console.log(`  passModel (copy into WASM)        ${stat(cold.flatMap((r) => r.warmPassModelMs))}`);
  console.log(`  cold: first solve after load      ${stat(coldFirst)}`);
  console.log(`  warmUpHighs() (720-step LP)       ${stat(warmed.map((r) => r.warmUpMs ?? Number.NaN))}`);
  console.log(`  first solve after warmUpHighs     ${stat(warmedFirst)}`);
  console.log(`  warm: later solves, same thread   ${stat(warmAll)}`);
  if (warmed[0].endToEndMs) console.log(`  solveOptimal end to end (warm)    ${stat(warmed[0].endToEndMs)}`);
  console.log(`  status ${cold[0].status}, objective ${cold[0].objective}, ${cold[0].iterations} iterations`);

  console.log(`\nNative HiGHS (SciPy ${native.scipy_version}, bundled HiGHS ${native.direct.highs_version ?? '?'}):`);
  console.log(`  linprog(method="highs-ds")        ${stat(nativeAll)}; objective ${native.linprog.objective}, ${native.linprog.iterations} iterations`);
  if (directAll.length > 0) {
    console.log(`  direct binding on the same MPS    ${stat(directAll)}; objective ${native.direct.objective}, ${native.direct.iterations} iterations`);
  }

  const objectiveDiff = relDiff(cold[0].objective, native.linprog.objective);
  console.log('\nComparison (targets: warm ≤ 1.2× native, cold ≤ 2× native, objective ≤ 1e-6 relative):');
  console.log(`  warm / native linprog             ${ratio(warmAll, nativeAll)}`);
  console.log(`  cold / native linprog             ${ratio(coldFirst, nativeAll)}`);
  console.log(`  first after warm-up / native      ${ratio(warmedFirst, nativeAll)}`);
  if (directAll.length > 0) {
    console.log(`  warm / native direct binding      ${ratio(warmAll, directAll)}`);
    console.log(`  cold / native direct binding      ${ratio(coldFirst, directAll)}`);
  }
  console.log(`  objective relative difference     ${objectiveDiff.toExponential(2)} (WASM ${cold[0].objective} vs native ${native.linprog.objective})`);
  if (native.direct.objective !== undefined) {
    console.log(`  objective vs direct binding       ${relDiff(cold[0].objective, native.direct.objective).toExponential(2)}`);
  }
  writeFileSync(join(outDir, 'optimal-vs-native.json'), JSON.stringify({ source, cold, warmed, native }, null, 2));
  if (objectiveDiff > 1e-6) {
    console.error('objective mismatch above 1e-6');
    process.exitCode = 1;
  }
}

if (isMainThread) {
  await main();
} else {
  parentPort!.postMessage(await runWorker(workerData as WorkerRequest));
}
