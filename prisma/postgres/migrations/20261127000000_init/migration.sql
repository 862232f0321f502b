-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED');

-- CreateEnum
CREATE TYPE "SolverKind" AS ENUM ('RULE_BASED', 'OPTIMAL', 'ROLLING_HORIZON', 'HYBRID');

-- CreateTable
CREATE TABLE "Study" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Study_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimulationRun" (
    "id" TEXT NOT NULL,
    "studyId" TEXT,
    "systemName" TEXT NOT NULL,
    "systemNameLower" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3),
    "status" "RunStatus" NOT NULL,
    "solver" "SolverKind" NOT NULL,
    "objective" TEXT NOT NULL,
    "timesteps" INTEGER NOT NULL,
    "timestepHours" DOUBLE PRECISION NOT NULL,
    "idempotencyKey" TEXT,
    "totalCostEur" DOUBLE PRECISION,
    "operatingCostEur" DOUBLE PRECISION,
    "capexEur" DOUBLE PRECISION,
    "totalCo2Kg" DOUBLE PRECISION,
    "renewableFraction" DOUBLE PRECISION,
    "totalGenerationKwh" DOUBLE PRECISION,
    "totalDemandKwh" DOUBLE PRECISION,
    "gridImportKwh" DOUBLE PRECISION,
    "gridExportKwh" DOUBLE PRECISION,
    "netGridUsageKwh" DOUBLE PRECISION,
    "selfConsumptionRate" DOUBLE PRECISION,
    "selfSufficiencyRate" DOUBLE PRECISION,
    "peakGridImportKw" DOUBLE PRECISION,
    "curtailmentKwh" DOUBLE PRECISION,
    "unmetDemandKwh" DOUBLE PRECISION,
    "batteryEquivalentCycles" DOUBLE PRECISION,
    "lcoeEurPerKwh" DOUBLE PRECISION,
    "npvEur" DOUBLE PRECISION,
    "simplePaybackYears" DOUBLE PRECISION,
    "co2ReductionFraction" DOUBLE PRECISION,
    "solveStatus" TEXT,
    "solverMessage" TEXT,
    "objectiveValue" DOUBLE PRECISION,
    "solveMs" DOUBLE PRECISION,
    "variableCount" INTEGER,
    "constraintCount" INTEGER,
    "iterationCount" INTEGER,
    "mipGap" DOUBLE PRECISION,
    "engineVersion" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "inputJson" TEXT NOT NULL,
    "optionsJson" TEXT NOT NULL,
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "metadataJson" TEXT NOT NULL DEFAULT '{}',
    "warningsJson" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "SimulationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunTag" (
    "runId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "tagLower" TEXT NOT NULL,

    CONSTRAINT "RunTag_pkey" PRIMARY KEY ("runId","tag")
);

-- CreateTable
CREATE TABLE "RunResult" (
    "runId" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "rawBytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunResult_pkey" PRIMARY KEY ("runId")
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

-- AddForeignKey
ALTER TABLE "SimulationRun" ADD CONSTRAINT "SimulationRun_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunTag" ADD CONSTRAINT "RunTag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SimulationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunResult" ADD CONSTRAINT "RunResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SimulationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

