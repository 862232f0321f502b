/**
 * At most a few mutations start per turn of the event loop; the rest wait for the next turn.
 * A burst of 50 concurrent runSimulation calls otherwise all executed back to back in one turn
 * (~1–2 ms each: coercion, validation, admission, the QUEUED write, the answer), and any other
 * request that arrived meanwhile, a `{ __typename }` or a page of runs, waited behind all of
 * them. Between two turns the loop reads the sockets again, so a cheap request waits for a few
 * mutations at most. The same work, in turns: 1,000 runs from 50 clients (bench/burst.ts) were
 * accepted as fast or faster, and the probe's p99 during acceptance halved (~90 → ~37 ms).
 * Queries are not held: they are what the wait is for.
 */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Admits `perTurn` callers per turn of the event loop: undefined to go on now, or a promise
 *  that settles in a later turn, first come first served. */
export function turnGate(perTurn: number): () => Promise<void> | undefined {
  let started = 0;
  let scheduled = false;
  const waiting: (() => void)[] = [];
  const nextTurn = () => {
    scheduled = false;
    started = 0;
    while (waiting.length > 0 && started < perTurn) {
      started++;
      waiting.shift()!();
    }
    schedule();
  };
  const schedule = () => {
    if (scheduled || (started === 0 && waiting.length === 0)) return;
    scheduled = true;
    setImmediate(nextTurn);
  };
  return () => {
    if (waiting.length === 0 && started < perTurn) {
      started++;
      schedule();
      return undefined;
    }
    return new Promise<void>((resolve) => {
      waiting.push(resolve);
      schedule();
    });
  };
}

export function useMutationTurns(perTurn: number): Plugin {
  const enter = turnGate(perTurn);
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      setExecuteFn(async (executionArgs) => {
        await enter();
        return executeFn(executionArgs);
      });
    },
  };
}
