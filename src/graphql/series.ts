/**
 * SimulationRun.series: the stored dispatch series (flows, storage levels, curtailment, unmet
 * demand), at the run's resolution or averaged per hour, day or month.
 */
import { downsampleSeries, type SeriesResolution } from '../results/run-series.js';
import { builder } from './builder.js';
import { IssueList } from './errors.js';
import { RunRef } from './run.js';

const SeriesResolutionEnum = builder.enumType('SeriesResolution', {
  description: 'HOUR, DAY or calendar MONTH means; a resolution finer than the run\'s step returns the steps.',
  values: ['HOUR', 'DAY', 'MONTH'] as const,
});

const SeriesKindEnum = builder.enumType('SeriesKind', {
  values: ['FLOW', 'STORAGE_LEVEL', 'CURTAILMENT', 'UNMET_DEMAND'] as const,
});

interface SeriesItem {
  key: string;
  kind: 'FLOW' | 'STORAGE_LEVEL' | 'CURTAILMENT' | 'UNMET_DEMAND';
  unit: string;
  componentId?: string;
  from?: string;
  to?: string;
  medium?: string;
  values: number[];
  periodHours: number[];
  timestepHours: number;
}

const RunSeriesItemRef = builder.objectRef<SeriesItem>('RunSeriesItem').implement({
  description: 'One series of a run. Flows, curtailment and unmet demand are average power (kW); storage levels energy (kWh).',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'e.g. flow:pv->house, level:battery, curtailment:pv, unmet:house.' }),
    kind: t.field({ type: SeriesKindEnum, resolve: (s) => s.kind }),
    unit: t.exposeString('unit', { description: 'kW or kWh.' }),
    componentId: t.exposeString('componentId', { nullable: true }),
    from: t.exposeString('from', { nullable: true }),
    to: t.exposeString('to', { nullable: true }),
    medium: t.exposeString('medium', { nullable: true }),
    values: t.floatList({ resolve: (s) => s.values }),
    periodHours: t.floatList({ description: 'Hours each value covers (months and a partial last period differ).', resolve: (s) => s.periodHours }),
    timestepHours: t.exposeFloat('timestepHours', { description: 'The run\'s own step length, hours.' }),
  }),
});

builder.objectField(RunRef, 'series', (t) =>
  t.field({
    type: [RunSeriesItemRef],
    nullable: true,
    description: 'Null until the run COMPLETED. `keys` picks series (all when omitted).',
    args: {
      resolution: t.arg({ type: SeriesResolutionEnum, defaultValue: 'HOUR' }),
      keys: t.arg.stringList(),
    },
    // A year of hourly values per series: expensive, so weighted heavily in the complexity limit.
    complexity: 100,
    resolve: async (run, args, ctx) => {
      const stored = await ctx.loaders.runSeries.load(run.id);
      if (!stored) return null;
      const issues = new IssueList();
      const available = new Set(stored.series.map((s) => s.key));
      (args.keys ?? []).forEach((key, i) => {
        if (!available.has(key)) issues.add(`keys[${i}]`, `no series "${key}" in this run (available: ${[...available].join(', ')})`);
      });
      issues.throwIfAny();
      const resolution = (args.resolution ?? 'HOUR') as SeriesResolution;
      const wanted = args.keys ? new Set(args.keys) : null;
      const picked = { ...stored, series: wanted ? stored.series.filter((s) => wanted.has(s.key)) : stored.series };
      const down = downsampleSeries(picked, resolution);
      return down.series.map((s) => ({ ...s, periodHours: down.periodHours, timestepHours: stored.timestepHours }));
    },
  }),
);
