/**
 * Sizing LP vs plain OPTIMAL solve, residential house (examples/residential-pv-battery.json),
 * 8760 h, in this process after warmUpHighs() (what a pool worker does at start).
 *
 *   npx tsx bench/sizing.ts [--repeats 3] [--pareto 0]
 *
 * OPTIMAL   solveOptimal of the example as it stands (6 kWp, 10 kWh / 5 kW), COST objective
 * SIZING    solveSizing, COST, PV peakKw 0..20 and battery energyKwh 0.5..30 (its kW stay at
 *           the example's explicit 5 kW), with and without the tie-break weight (one LP each)
 * then the sized design simulated as a normal OPTIMAL run, to show its KPI totalCostEur equals
 * the sizing's figure. With --pareto N also paretoSizings over the same bounds with N points.
 * Wall = the whole call (model build, HiGHS, reading back, KPIs); HiGHS = time inside run().
 * Medians and minima of the repeats are printed: other load on a shared machine only adds time.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { simulate } from '../src/simulation/index.js';
import { parseSystemConfig, formatIssue } from '../src/simulation/config.js';
import { resolveSystem } from '../src/simulation/resolve.js';
import { paretoSizings, solveSizing, type SizingBound, type SizingResult } from '../src/simulation/sizing.js';
import { warmUpHighs } from '../src/simulation/solvers/highs.js';
import { solveOptimal } from '../src/simulation/solvers/optimal.js';
import type { SystemConfig } from '../src/simulation/types.js';
import { applyParameters } from '../src/studies/parameters.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const EXAMPLE = join(HERE, '..', 'examples', 'residential-pv-battery.json');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return `median ${median.toFixed(0)} ms, min ${s[0].toFixed(0)} ms (n=${s.length})`;
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await f();
  return { value, ms: performance.now() - started };
}

const BOUNDS: SizingBound[] = [
  { component: 'pv', field: 'peakKw', min: 0, max: 20 },
  { component: 'battery', field: 'energyKwh', min: 0.5, max: 30 },
];

async function main(): Promise<void> {
  const repeats = arg('repeats', 3);
  const paretoPoints = arg('pareto', 0);
  const config = (JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { system: SystemConfig }).system;
  const parsed = parseSystemConfig(config);
  if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('; '));
  console.log(`# bench/sizing.ts  ${new Date().toISOString()}  ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`system: examples/residential-pv-battery.json, ${parsed.config.horizon!.timesteps} h; bounds ${BOUNDS.map((b) => `${b.component}.${b.field} ${b.min}..${b.max}`).join(', ')}`);
  await warmUpHighs();

  const optimalWall: number[] = [];
  const optimalHighs: number[] = [];
  let optimalShape = '';
  for (let r = 0; r < repeats; r++) {
    const { value, ms } = await timed(async () => solveOptimal(resolveSystem(parsed.config), { solver: 'OPTIMAL', objective: 'COST' }));
    optimalWall.push(ms);
    optimalHighs.push(value.stats.solveMs);
    optimalShape = `${value.stats.variables} columns, ${value.stats.constraints} rows`;
  }
  console.log(`OPTIMAL (resolve + solveOptimal)   wall ${stats(optimalWall)}; HiGHS ${stats(optimalHighs)}; ${optimalShape}`);

  let last: SizingResult | null = null;
  for (const tieBreak of [false, true]) {
    const wall: number[] = [];
    const highs: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const { value, ms } = await timed(() => solveSizing(config, { bounds: BOUNDS, objective: 'COST', tieBreak }));
      wall.push(ms);
      highs.push(value.solveMs);
      last = value;
    }
    console.log(
      `SIZING COST, ${tieBreak ? 'tie-break weight on CO2 (default)' : 'pure cost (tieBreak: false)   '} wall ${stats(wall)}; HiGHS ${stats(highs)}; ${last!.variables} columns, ${last!.constraints} rows`,
    );
  }
  const sized = last!;
  console.log(
    `  sizes: ${sized.sizes.map((s) => `${s.component}.${s.field} = ${s.value.toFixed(3)}`).join(', ')}; total ${sized.totalAnnualCostEur.toFixed(2)} EUR/a ` +
      `(annualised capex ${sized.annualisedCapexEur.toFixed(2)}, operating ${sized.operatingCostEur.toFixed(2)}), CO2 ${sized.co2Kg.toFixed(1)} kg/a`,
  );
  const asIs = await simulate({ system: config, options: { solver: 'OPTIMAL', objective: 'COST' } });
  const rerun = await simulate({ system: applyParameters(config, sized.sizes), options: { solver: 'OPTIMAL', objective: 'COST' } });
  console.log(
    `  the example as it stands (OPTIMAL): total ${asIs.kpis.totalCostEur.toFixed(2)} EUR/a; sized design simulated (OPTIMAL): total ${rerun.kpis.totalCostEur.toFixed(2)} EUR/a ` +
      `(sizing said ${sized.totalAnnualCostEur.toFixed(2)}, difference ${(rerun.kpis.totalCostEur - sized.totalAnnualCostEur).toExponential(2)})`,
  );

  const co2 = await timed(() => solveSizing(config, { bounds: BOUNDS, objective: 'CO2' }));
  console.log(
    `SIZING CO2                        wall ${co2.ms.toFixed(0)} ms; HiGHS ${co2.value.solveMs.toFixed(0)} ms; sizes ${co2.value.sizes.map((s) => s.value.toFixed(3)).join(', ')}; ` +
      `total ${co2.value.totalAnnualCostEur.toFixed(2)} EUR/a, CO2 ${co2.value.co2Kg.toFixed(1)} kg/a`,
  );

  if (paretoPoints >= 2) {
    const front = await timed(() => paretoSizings(config, BOUNDS, paretoPoints));
    console.log(`PARETO ${paretoPoints} points            wall ${front.ms.toFixed(0)} ms`);
    for (const p of front.value) {
      console.log(`  ${p.sizes.map((s) => s.value.toFixed(3)).join(', ')}  cost ${p.totalAnnualCostEur.toFixed(2)} EUR/a  CO2 ${p.co2Kg.toFixed(1)} kg/a`);
    }
  }
  console.log(`# load at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await main();
