-- CreateTable
CREATE TABLE "Study" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SimulationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "studyId" TEXT,
    "systemName" TEXT NOT NULL,
    "systemNameLower" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME,
    "status" TEXT NOT NULL,
    "solver" TEXT NOT NULL,
    "objective" TEXT NOT NULL,
    "timesteps" INTEGER NOT NULL,
    "timestepHours" REAL NOT NULL,
    "idempotencyKey" TEXT,
    "totalCostEur" REAL,
    "operatingCostEur" REAL,
    "capexEur" REAL,
    "totalCo2Kg" REAL,
    "renewableFraction" REAL,
    "totalGenerationKwh" REAL,
    "totalDemandKwh" REAL,
    "gridImportKwh" REAL,
    "gridExportKwh" REAL,
    "netGridUsageKwh" REAL,
    "selfConsumptionRate" REAL,
    "selfSufficiencyRate" REAL,
    "peakGridImportKw" REAL,
    "curtailmentKwh" REAL,
    "unmetDemandKwh" REAL,
    "batteryEquivalentCycles" REAL,
    "lcoeEurPerKwh" REAL,
    "npvEur" REAL,
    "simplePaybackYears" REAL,
    "co2ReductionFraction" REAL,
    "solveStatus" TEXT,
    "solverMessage" TEXT,
    "objectiveValue" REAL,
    "solveMs" REAL,
    "variableCount" INTEGER,
    "constraintCount" INTEGER,
    "iterationCount" INTEGER,
    "mipGap" REAL,
    "engineVersion" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "inputJson" TEXT NOT NULL,
    "optionsJson" TEXT NOT NULL,
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "metadataJson" TEXT NOT NULL DEFAULT '{}',
    "warningsJson" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "SimulationRun_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunTag" (
    "runId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "tagLower" TEXT NOT NULL,

    PRIMARY KEY ("runId", "tag"),
    CONSTRAINT "RunTag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SimulationRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunResult" (
    "runId" TEXT NOT NULL PRIMARY KEY,
    "encoding" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "rawBytes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SimulationRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Study_createdAt_idx" ON "Study"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SimulationRun_idempotencyKey_key" ON "SimulationRun"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SimulationRun_studyId_totalCostEur_idx" ON "SimulationRun"("studyId", "totalCostEur");

-- CreateIndex
CREATE INDEX "SimulationRun_studyId_createdAt_idx" ON "SimulationRun"("studyId", "createdAt");

-- CreateIndex
CREATE INDEX "SimulationRun_status_createdAt_idx" ON "SimulationRun"("status", "createdAt");

-- CreateIndex
CREATE INDEX "SimulationRun_solver_createdAt_idx" ON "SimulationRun"("solver", "createdAt");

-- CreateIndex
CREATE INDEX "SimulationRun_createdAt_idx" ON "SimulationRun"("createdAt");

-- CreateIndex
CREATE INDEX "SimulationRun_status_heartbeatAt_idx" ON "SimulationRun"("status", "heartbeatAt");

-- CreateIndex
CREATE INDEX "SimulationRun_totalCostEur_idx" ON "SimulationRun"("totalCostEur");

-- CreateIndex
CREATE INDEX "SimulationRun_totalCo2Kg_idx" ON "SimulationRun"("totalCo2Kg");

-- CreateIndex
CREATE INDEX "SimulationRun_renewableFraction_idx" ON "SimulationRun"("renewableFraction");

-- CreateIndex
CREATE INDEX "SimulationRun_selfSufficiencyRate_idx" ON "SimulationRun"("selfSufficiencyRate");

-- CreateIndex
CREATE INDEX "SimulationRun_selfConsumptionRate_idx" ON "SimulationRun"("selfConsumptionRate");

-- CreateIndex
CREATE INDEX "SimulationRun_totalGenerationKwh_idx" ON "SimulationRun"("totalGenerationKwh");

-- CreateIndex
CREATE INDEX "SimulationRun_totalDemandKwh_idx" ON "SimulationRun"("totalDemandKwh");

-- CreateIndex
CREATE INDEX "SimulationRun_netGridUsageKwh_idx" ON "SimulationRun"("netGridUsageKwh");

-- CreateIndex
CREATE INDEX "SimulationRun_systemNameLower_idx" ON "SimulationRun"("systemNameLower");

-- CreateIndex
CREATE INDEX "RunTag_tagLower_idx" ON "RunTag"("tagLower");

