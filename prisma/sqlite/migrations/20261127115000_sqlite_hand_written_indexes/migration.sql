-- Hand-written: a Prisma 6 schema cannot express these (index expressions), or they exist for
-- SQLite only. Listed in scripts/migrations/hand-written-indexes.ts, so the drift check expects
-- them. Plans and figures: bench/README.md; why: docs/migrations.md.
--
-- On SQLite, Prisma emulates `ORDER BY x ASC NULLS LAST` (how the API sorts nullable KPIs) as
-- `ORDER BY CASE WHEN x IS NULL THEN 1 ELSE 0 END, x ASC, id ASC`. Only an index on that same
-- expression returns rows in that order; without it SQLite sorts every matching row first.

-- CreateIndex
CREATE INDEX "SimulationRun_studyId_costNullsLast_id_idx" ON "SimulationRun"("studyId", (CASE WHEN "totalCostEur" IS NULL THEN 1 ELSE 0 END), "totalCostEur", "id");

-- CreateIndex
CREATE INDEX "SimulationRun_status_costNullsLast_id_renewableFraction_idx" ON "SimulationRun"("status", (CASE WHEN "totalCostEur" IS NULL THEN 1 ELSE 0 END), "totalCostEur", "id", "renewableFraction");

-- Prisma's count is `SELECT COUNT(*) FROM (SELECT id FROM … WHERE …)`. PostgreSQL drops the
-- unused id and counts from (status, renewableFraction) alone; SQLite keeps it, so without id in
-- the index it would read the table row of every counted run.

-- CreateIndex
CREATE INDEX "SimulationRun_status_renewableFraction_covering_idx" ON "SimulationRun"("status", "renewableFraction", "id");
