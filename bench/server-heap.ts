/**
 * Server heap bench: does the API server hold memory per request? Sends `--requests` requests of each kind to the
 * server app in process (a GET of an unknown run; a run request refused for its token; a bad JSON body; a valid run
 * request, cancelled at once) and prints the V8 heap after a full GC at the start, midway and at the end, and the
 * growth per 1,000 requests over the second half (after warm-up). The bodies are streamed (no Content-Length), as
 * a chunked upload is, so the body limit reads them.
 *
 *   node --expose-gc --import tsx bench/server-heap.ts [--requests 6000]
 */
import { parseArgs } from 'node:util';
import { createTestServer } from '../src/server/__fixtures__/test-server.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '6000' } } });
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc --import tsx bench/server-heap.ts');
  process.exit(1);
}
const requests = Number(values.requests);
const server = createTestServer({ manager: { concurrency: 0, maxQueued: Number.MAX_SAFE_INTEGER } });
const post = (body: string, auth: boolean) =>
  server.app.request('/api/runs', {
    method: 'POST',
    headers: { ...(auth ? server.auth : {}), 'Content-Type': 'application/json' },
    body: new Blob([body]).stream(),
    duplex: 'half',
  } as RequestInit);
const kinds: Record<string, (index: number) => Response | Promise<Response>> = {
  'GET unknown run': () => server.app.request('/api/runs/20260101-000000-ffffff'),
  'POST without token': () => post('{}', false),
  'POST bad JSON': () => post('{', true),
  'POST valid run (cancelled)': (index) =>
    post(JSON.stringify({ script: { prompts: [`Nora walks ${index}.`] }, policy: 'iamflow' }), true),
};
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

console.log(`${requests} requests per kind; heap after a full GC (MB)`);
console.log('kind\tstart\tmidway\tend\tKB per 1,000 requests (second half)');
for (const [kind, send] of Object.entries(kinds)) {
  const start = heapMb();
  let midway = start;
  for (let index = 1; index <= requests; index++) {
    const response = await send(index);
    if (response.status === 202) {
      const { run } = (await response.json()) as { run: { id: string } };
      await server.runs.cancel(run.id);
    } else await response.text();
    if (index === requests / 2) midway = heapMb();
  }
  const end = heapMb();
  const perThousand = ((end - midway) * 1024 * 1000) / (requests / 2);
  console.log(
    `${kind}\t${start.toFixed(1)}\t${midway.toFixed(1)}\t${end.toFixed(1)}\t${perThousand.toFixed(0)}`,
  );
}
await server.close();
