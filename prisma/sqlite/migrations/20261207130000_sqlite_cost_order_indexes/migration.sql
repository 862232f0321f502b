-- Hand-written (SQLite only; listed in scripts/migrations/hand-written-indexes.ts): the runs page
-- sorted by total cost (the API sorts nullable KPIs NULLS LAST, which on SQLite is
-- `ORDER BY CASE WHEN x IS NULL THEN 1 ELSE 0 END, x, id`), with no filter and with a solver
-- filter. Without them a 1,000,000-run log sorted every matching run for one page of 21:
-- 3.9 s unfiltered, 1.9-3.0 s with solver=OPTIMAL; with them ~2 ms each (docs/explorer.md).
-- PostgreSQL needs neither: its btree on "totalCostEur" is already ASC NULLS LAST.

-- CreateIndex
CREATE INDEX "SimulationRun_costNullsLast_id_idx" ON "SimulationRun"((CASE WHEN "totalCostEur" IS NULL THEN 1 ELSE 0 END), "totalCostEur", "id");

-- CreateIndex
CREATE INDEX "SimulationRun_solver_costNullsLast_id_idx" ON "SimulationRun"("solver", (CASE WHEN "totalCostEur" IS NULL THEN 1 ELSE 0 END), "totalCostEur", "id");

-- New indexes have no planner statistics until ANALYZE. With the others' statistics present,
-- SQLite then picked the solver/cost index for "solver=X newest first" and sorted every matching
-- run (5.8 s at 1M runs instead of 1 ms with the (solver, createdAt) index). ~6 s at 1M runs.
ANALYZE "SimulationRun";
