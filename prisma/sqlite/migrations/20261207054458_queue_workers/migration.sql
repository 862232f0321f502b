-- AlterTable
ALTER TABLE "SimulationRun" ADD COLUMN "attempt" INTEGER;
ALTER TABLE "SimulationRun" ADD COLUMN "workerId" TEXT;

-- CreateTable
CREATE TABLE "QueueWorker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL,
    "stoppedAt" DATETIME,
    "runsFinished" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "QueueWorker_heartbeatAt_idx" ON "QueueWorker"("heartbeatAt");
