import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './start-server.js';

// Many simultaneous clients of a real `iamflow serve` (TCP on a free loopback port): 200 viewers of one run's
// stream, and a burst of 100 run submissions at once. The run queue is bounded (429 past it), every viewer sees
// the run finish, nothing answers 5xx, and the server keeps answering.

const server = await startServer({
  dataDir: mkdtempSync(join(tmpdir(), 'iamflow-clients-')),
  port: 0,
  maxQueued: 4,
});
afterAll(() => server.close());

const submit = (prompt: string) =>
  fetch(`${server.url}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({
      segments: [{ prompt, seconds: 1 }],
      policy: 'longlive',
      size: { width: 128, height: 72 },
      evaluate: false,
    }),
  });

/** Reads a run's stream until its final status; the statuses seen. */
async function watch(id: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/runs/${id}/stream`);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const statuses: string[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return statuses;
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!block.includes('event: status')) continue;
      const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { status: string };
      statuses.push(data.status);
      if (['done', 'failed', 'cancelled'].includes(data.status)) {
        await reader.cancel();
        return statuses;
      }
    }
  }
}

describe('iamflow serve with many clients', () => {
  it('streams one run to 200 viewers at once; each sees it finish', async () => {
    const response = await submit('Nora, a young woman in a red coat, walks through a park.');
    expect(response.status).toBe(202);
    const { run } = (await response.json()) as { run: { id: string } };
    const rssBefore = process.memoryUsage().rss;
    const viewers = await Promise.all(Array.from({ length: 200 }, () => watch(run.id)));
    for (const statuses of viewers) expect(statuses.at(-1)).toBe('done');
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const grownMb = (process.memoryUsage().rss - rssBefore) / 1e6;
    console.log(`200 viewers: resident memory grew ${grownMb.toFixed(0)} MB`);
    expect(grownMb).toBeLessThan(1000);
  }, 120_000);

  it('takes a burst of 100 submissions: at most the queue bound accepted, the rest 429, none 5xx', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, index) => submit(`Ravi waits ${index}.`)),
    );
    const statuses = responses.map((response) => response.status);
    const accepted = statuses.filter((status) => status === 202).length;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(4);
    expect(statuses.filter((status) => status !== 202 && status !== 429)).toEqual([]);
    const refused = (await responses.find((response) => response.status === 429)!.json()) as {
      error: { code: string };
    };
    expect(refused.error.code).toBe('queue-full');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 120_000);
});
