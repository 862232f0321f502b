-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "kind" TEXT,
ADD COLUMN     "leaseAt" TIMESTAMP(3),
ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "specJson" TEXT,
ADD COLUMN     "status" TEXT,
ADD COLUMN     "totalTrials" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "trialsJson" TEXT;

-- AlterTable
ALTER TABLE "SimulationRun" ADD COLUMN     "trialIndex" INTEGER;

-- CreateTable
CREATE TABLE "RunParameter" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RunParameter_pkey" PRIMARY KEY ("runId","key")
);

-- CreateIndex
CREATE INDEX "RunParameter_key_value_idx" ON "RunParameter"("key", "value");

-- CreateIndex
CREATE INDEX "SimulationRun_studyId_trialIndex_idx" ON "SimulationRun"("studyId", "trialIndex");

-- AddForeignKey
ALTER TABLE "RunParameter" ADD CONSTRAINT "RunParameter_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SimulationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
