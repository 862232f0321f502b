-- AlterTable
ALTER TABLE "SimulationRun" ADD COLUMN "trialIndex" INTEGER;

-- CreateTable
CREATE TABLE "RunParameter" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "value" REAL NOT NULL,

    PRIMARY KEY ("runId", "key"),
    CONSTRAINT "RunParameter_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SimulationRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Study" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "kind" TEXT,
    "status" TEXT,
    "specJson" TEXT,
    "trialsJson" TEXT,
    "totalTrials" INTEGER NOT NULL DEFAULT 0,
    "ownerId" TEXT,
    "leaseAt" DATETIME
);
INSERT INTO "new_Study" ("createdAt", "description", "id", "name", "updatedAt") SELECT "createdAt", "description", "id", "name", "updatedAt" FROM "Study";
DROP TABLE "Study";
ALTER TABLE "new_Study" RENAME TO "Study";
CREATE INDEX "Study_createdAt_idx" ON "Study"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RunParameter_key_value_idx" ON "RunParameter"("key", "value");

-- CreateIndex
CREATE INDEX "SimulationRun_studyId_trialIndex_idx" ON "SimulationRun"("studyId", "trialIndex");
