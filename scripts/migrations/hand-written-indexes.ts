// Indexes prisma/models.prisma does not declare: ones a Prisma 6 schema cannot express
// (expression or partial indexes) or that only one provider needs. Each is created by
// hand-written SQL in a migration of that provider. The drift check requires each to exist after
// the migrations and leaves it out when comparing with the models; --write drops them from its
// scratch database before introspecting, so a generated migration never drops them.
import type { DatabaseProvider } from '../../src/db/target.js';

export interface HandWrittenIndex {
  name: string;
  migration: string;
}

const SQLITE_HAND_WRITTEN = '20261127115000_sqlite_hand_written_indexes';
const SQLITE_COST_ORDER = '20261207130000_sqlite_cost_order_indexes';

export const HAND_WRITTEN_INDEXES: Record<DatabaseProvider, readonly HandWrittenIndex[]> = {
  sqlite: [
    { name: 'SimulationRun_studyId_costNullsLast_id_idx', migration: SQLITE_HAND_WRITTEN },
    { name: 'SimulationRun_status_costNullsLast_id_renewableFraction_idx', migration: SQLITE_HAND_WRITTEN },
    { name: 'SimulationRun_status_renewableFraction_covering_idx', migration: SQLITE_HAND_WRITTEN },
    { name: 'SimulationRun_costNullsLast_id_idx', migration: SQLITE_COST_ORDER },
    { name: 'SimulationRun_solver_costNullsLast_id_idx', migration: SQLITE_COST_ORDER },
  ],
  postgres: [],
};
