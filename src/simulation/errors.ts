/** Errors the engine's public surface throws; both carry a machine-readable code. */
import type { ConfigIssue } from './types.js';

/** The system config or the solver options failed validation; `issues` lists every problem. */
export class ConfigValidationError extends Error {
  readonly code = 'CONFIG_INVALID' as const;
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], what = 'system config') {
    const lines = issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`);
    super(`Invalid ${what} (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'ConfigValidationError';
    this.issues = issues;
  }
}

export type EngineErrorCode = 'INFEASIBLE' | 'TIME_LIMIT' | 'ERROR';

/** A solver produced no usable dispatch (infeasible model, time limit without a solution, crash). */
export class EngineError extends Error {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
  }
}
