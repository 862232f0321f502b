import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { storedToken, storeToken, UNAUTHENTICATED_EVENT } from './api';
import { Link, useLocation } from './router';
import { ComparePage } from './pages/ComparePage';
import { NewRunPage } from './pages/NewRunPage';
import { RunPage } from './pages/RunPage';
import { RunsPage } from './pages/RunsPage';
import { StudiesPage, StudyPage } from './pages/StudyPage';
import './styles.css';

function TokenDialog({ onDone }: { onDone: () => void }) {
  const [token, setToken] = useState(storedToken() ?? '');
  return (
    <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="token-title">
      <form onSubmit={(e) => (e.preventDefault(), storeToken(token.trim() || null), onDone())}>
        <h2 id="token-title">A token is needed</h2>
        <p>The API answered UNAUTHENTICATED. Enter a Bearer token; it is kept in this tab (sessionStorage) until you clear it or close the tab.</p>
        <input autoFocus type="password" aria-label="Token" value={token} onChange={(e) => setToken(e.target.value)} />
        <button type="submit">Use token</button>
        <button type="button" onClick={() => (storeToken(null), setToken(''), onDone())}>Clear</button>
      </form>
    </div>
  );
}

function App() {
  const location = useLocation();
  const [askToken, setAskToken] = useState(false);
  // Remounts the page with the new token, so every query is sent again.
  const [session, setSession] = useState(0);
  useEffect(() => {
    const ask = () => setAskToken(true);
    window.addEventListener(UNAUTHENTICATED_EVENT, ask);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, ask);
  }, []);
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const segment = (prefix: string) => (path.startsWith(prefix) ? decodeURIComponent(path.slice(prefix.length)) : null);
  let page;
  if (path === '/' || path === '/runs' || path === '/explorer') page = <RunsPage location={location} />;
  else if (segment('/run/')) page = <RunPage key={path} id={segment('/run/')!} search={location.search} />;
  else if (path === '/compare') page = <ComparePage search={location.search} />;
  else if (path === '/studies') page = <StudiesPage />;
  else if (segment('/study/')) page = <StudyPage key={path} id={segment('/study/')!} />;
  else if (path === '/new') page = <NewRunPage />;
  else page = <p>Nothing here. <Link href="/">Runs</Link></p>;
  return (
    <>
      <header className="top">
        <Link href="/" className="brand">EcoSystemiser · Results Explorer</Link>
        <nav>
          <Link href="/">Runs</Link>
          <Link href="/studies">Studies</Link>
          <Link href="/new">Run a simulation</Link>
          <a href="/graphql">GraphiQL</a>
          <button type="button" className="link" onClick={() => setAskToken(true)}>{storedToken() ? 'Token ✓' : 'Token'}</button>
        </nav>
      </header>
      <main key={session}>{page}</main>
      {askToken && <TokenDialog onDone={() => (setAskToken(false), setSession((s) => s + 1))} />}
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
