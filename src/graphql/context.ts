/**
 * What every resolver receives: the database, the simulation runner, who is asking (the
 * principal) and this request's DataLoaders (new per request, so batching never leaks data
 * between requests or users).
 */
import type { Principal } from '../auth/authenticator.js';
import type { DbHandle } from '../db/client.js';
import type { RunOutcome, RunRequest, RunSimulationOptions } from '../runner/runner.js';
import type { StudyRunner } from '../runner/study-runner.js';
import { createLoaders, type Loaders } from './loaders.js';

/** The part of SimulationRunner the API uses (tests and tools may pass their own). */
export interface SimulationRunnerLike {
  runSimulation(request: RunRequest, options?: RunSimulationOptions): Promise<RunOutcome>;
}

export interface AppDependencies {
  db: DbHandle;
  runner: SimulationRunnerLike;
  /** Drives runStudy's trials; absent in servers (tests, tools) without studies. */
  studies?: StudyRunner;
}

export interface GraphQLContext extends AppDependencies {
  loaders: Loaders;
  /** AUTH=off: the local user; AUTH=required: set by src/auth/plugin.ts once the token checks out. */
  principal: Principal;
}

export function createContext(deps: AppDependencies, principal: Principal): GraphQLContext {
  return { ...deps, loaders: createLoaders(deps.db.prisma), principal };
}
