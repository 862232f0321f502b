-- DropIndex
DROP INDEX "SimulationRun_studyId_totalCostEur_idx";

-- CreateIndex
CREATE INDEX "SimulationRun_studyId_totalCostEur_id_idx" ON "SimulationRun"("studyId", "totalCostEur", "id");

-- CreateIndex
CREATE INDEX "SimulationRun_status_totalCostEur_id_renewableFraction_idx" ON "SimulationRun"("status", "totalCostEur", "id", "renewableFraction");

-- CreateIndex
CREATE INDEX "SimulationRun_status_renewableFraction_idx" ON "SimulationRun"("status", "renewableFraction");
