/** The GraphQL schema: every type module registers itself on the builder when imported. */
import { builder } from './builder.js';
import './scalars.js';
import './enums.js';
import './run.js';
import './run-list.js';
import './study.js';
import './stats.js';
import './series.js';
import './system-input.js';
import './run-simulation.js';
import './study-mutations.js';
import './run-mutations.js';
import './run-lifecycle.js';
import './study-run.js';
import './queue-stats.js';
import './audit.js';

export const schema = builder.toSchema();
