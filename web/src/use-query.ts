import { useCallback, useEffect, useState } from 'react';
import { request } from './api';
import type { TypedDocumentString } from './gql/graphql';

export interface QueryState<R> {
  data: R | null;
  error: unknown;
  loading: boolean;
  refetch: () => void;
  setData: (update: (data: R | null) => R | null) => void;
}

/** Runs a typed query whenever its variables change (by value); the last answer wins. */
export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables: V, skip = false): QueryState<R> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data: R | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: !skip });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    request(document, JSON.parse(key) as V, controller.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if ((error as Error).name !== 'AbortError') setState({ data: null, error, loading: false });
      },
    );
    return () => controller.abort();
  }, [document, key, generation, skip]);
  const refetch = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((update: (data: R | null) => R | null) => setState((s) => ({ ...s, data: update(s.data) })), []);
  return { ...state, refetch, setData };
}
