import { useState } from 'react';
import { ApiError, request } from '../api';
import { ExplorerStartRunDocument, type RunSimulationInput, type SolverKind } from '../gql/graphql';
import { navigate } from '../router';
import { SOLVERS } from '../runs-view';

/** The README's example house, a week long so it finishes in a moment. */
const EXAMPLE_SYSTEM = {
  name: 'House: 6 kWp PV + 10 kWh battery (one week)',
  horizon: { timesteps: 168 },
  components: [
    { id: 'grid', kind: 'GRID', importPriceEurPerKwh: { constant: 0.32 }, exportPriceEurPerKwh: { constant: 0.08 } },
    { id: 'pv', kind: 'SOLAR_PV', peakKw: 6 },
    { id: 'battery', kind: 'BATTERY', energyKwh: 10 },
    { id: 'house', kind: 'ELECTRIC_DEMAND', annualKwh: 4000 },
  ],
  connections: [
    { from: 'pv', to: 'house', medium: 'ELECTRICITY' },
    { from: 'pv', to: 'battery', medium: 'ELECTRICITY' },
    { from: 'battery', to: 'house', medium: 'ELECTRICITY' },
    { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
    { from: 'pv', to: 'grid', medium: 'ELECTRICITY' },
  ],
};

export function NewRunPage() {
  const [text, setText] = useState(JSON.stringify(EXAMPLE_SYSTEM, null, 2));
  const [solver, setSolver] = useState<SolverKind>('RULE_BASED');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError(null);
    let system: RunSimulationInput['system'];
    try {
      system = JSON.parse(text) as RunSimulationInput['system'];
    } catch (e) {
      setError(new Error(`The system is not valid JSON: ${(e as Error).message}`));
      return;
    }
    setBusy(true);
    try {
      const tagList = tags.split(',').map((t) => t.trim()).filter(Boolean);
      const result = await request(ExplorerStartRunDocument, { input: { system, options: { solver }, tags: tagList } });
      navigate(`/run/${encodeURIComponent(result.runSimulation.runId)}`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h1>Run a simulation</h1>
      <p>Paste a <code>SystemInput</code> (JSON, as in the GraphQL schema) or edit the example, pick a solver and run. The run page follows it live.</p>
      <form className="new-run" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <label htmlFor="system-json">System</label>
        <textarea id="system-json" value={text} onChange={(e) => setText(e.target.value)} rows={24} spellCheck={false} />
        <label>Solver <select value={solver} onChange={(e) => setSolver(e.target.value as SolverKind)}>{SOLVERS.map((s) => <option key={s}>{s}</option>)}</select></label>
        <label>Tags (comma-separated) <input value={tags} onChange={(e) => setTags(e.target.value)} /></label>
        <button type="submit" disabled={busy}>{busy ? 'Starting…' : 'Run'}</button>
      </form>
      {error && (
        <div className="state error" role="alert">
          <p>{error.message}</p>
          {error instanceof ApiError && error.issues.length > 0 && <ul>{error.issues.map((i) => <li key={i.path}><code>{i.path}</code>: {i.message}</li>)}</ul>}
        </div>
      )}
    </section>
  );
}
