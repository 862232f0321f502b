import type { ReactNode } from 'react';
import { ApiError } from '../api';

export function Loading({ what }: { what: string }) {
  return <p className="state loading" role="status">Loading {what}…</p>;
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="state error" role="alert">
      <p>{apiError?.code === 'UNAUTHENTICATED' ? 'Sign in with a token to see this page.' : `Something went wrong: ${(error as Error)?.message ?? String(error)}`}</p>
      {apiError?.issues.length ? (
        <ul>{apiError.issues.map((i) => <li key={i.path + i.message}><code>{i.path}</code>: {i.message}</li>)}</ul>
      ) : null}
      {retry && <button type="button" onClick={retry}>Try again</button>}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}
