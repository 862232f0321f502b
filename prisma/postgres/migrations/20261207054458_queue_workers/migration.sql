-- AlterTable
ALTER TABLE "SimulationRun" ADD COLUMN     "attempt" INTEGER,
ADD COLUMN     "workerId" TEXT;

-- CreateTable
CREATE TABLE "QueueWorker" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "stoppedAt" TIMESTAMP(3),
    "runsFinished" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "QueueWorker_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QueueWorker_heartbeatAt_idx" ON "QueueWorker"("heartbeatAt");
