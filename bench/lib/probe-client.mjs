// The latency probe of bench/burst.ts, in a process of its own: `{ __typename }` every 50 ms to
// the endpoint in argv[2], one JSON line per answer ({ atMs, ms }) on stdout, until stdin closes.
// In the bench's own process the probe shared an event loop with the 50 burst clients, so a
// batch of their answers being parsed delayed the probe's timing as much as the server did.
const endpoint = process.argv[2];
const intervalMs = Number(process.argv[3] ?? 50);
let running = true;
process.stdin.on('end', () => (running = false));
process.stdin.resume();
const body = JSON.stringify({ query: '{ __typename }' });
while (running) {
  const t0 = performance.now();
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body });
  await response.text();
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ atMs: Date.now(), ms })}\n`);
  const wait = intervalMs - ms;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
