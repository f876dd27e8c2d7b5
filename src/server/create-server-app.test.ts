import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PromptEdit } from '../pipeline/live-prompts.js';
import { runJsonSchema } from '../pipeline/run-json.js';
import { createTestServer, readEvents } from './__fixtures__/test-server.js';
import type { LiveEvent } from './live-event.js';
import type { RunRow } from './run-index.js';

const small = { size: { width: 128, height: 72 }, evaluate: false, policy: 'longlive' };
const segments = [
  { prompt: 'Ravi, a tall man in a gray coat, waits at a bus stop.', seconds: 1.5 },
  { prompt: 'He walks into a small cafe.', seconds: 1.5 },
];

let server: ReturnType<typeof createTestServer>;
afterEach(async () => server?.close());

/** The fields the tests read from any answer. */
interface Body {
  run: RunRow;
  runs: RunRow[];
  error: { code: string; message: string; hint?: string };
  runJson: unknown;
  edit: PromptEdit;
}
const json = async (response: Response) => (await response.json()) as Body;
type PlanEvent = Extract<LiveEvent, { type: 'plan' }>;

describe('iamflow serve API', () => {
  it('answers health, serves the viewer, and sends no CORS header by default', async () => {
    server = createTestServer();
    const health = await server.app.request('/api/health', { headers: { Origin: 'http://evil.example' } });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, protectReads: false });
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
    const viewer = await server.app.request('/');
    expect(await viewer.text()).toContain('<script type="module" src="/viewer/app.js">');
  });

  it.each([
    ['no token', {}, 'token-required', 'this route needs the server token'],
    ['a wrong token', { Authorization: 'Bearer nope' }, 'token-required', 'wrong token'],
  ])('refuses a mutating route with %s', async (_name, headers, code, message) => {
    server = createTestServer();
    for (const [method, path] of [
      ['POST', '/api/runs'],
      ['POST', '/api/runs/x/prompts'],
      ['DELETE', '/api/runs/x'],
    ] as const) {
      const response = await server.app.request(path, {
        method,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: method === 'DELETE' ? null : '{}',
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error: { code, message, hint: expect.stringContaining('Bearer') },
      });
    }
  });

  it.each<[string, unknown, number, string]>([
    ['no script', { policy: 'longlive' }, 400, 'invalid-body'],
    ['an unknown field', { segments, colour: 'red' }, 400, 'invalid-body'],
    ['an odd size', { segments, size: { width: 65, height: 36 } }, 400, 'invalid-body'],
    ['an unknown policy', { segments, policy: 'nope' }, 400, 'unknown-policy'],
    ['a broken script', { script: { text: '{"prompts": 3}', name: 'x.jsonl' } }, 400, 'invalid-type'],
    ['a traversing path', { path: '../secret.jsonl' }, 403, 'path-outside-data'],
    ['an absolute path', { path: '/etc/passwd' }, 403, 'path-outside-data'],
    ['a missing path', { path: 'scripts/none.jsonl' }, 400, 'missing-file'],
  ])('rejects a run with %s', async (_name, body, status, code) => {
    server = createTestServer();
    const response = await server.post('/api/runs', body);
    const answer = await json(response);
    expect({ status: response.status, code: answer.error.code }).toEqual({ status, code });
    expect(typeof answer.error.message).toBe('string');
  });

  it('limits the body size and the content type', async () => {
    server = createTestServer();
    const big = await server.post('/api/runs', { script: { text: 'x'.repeat(1100 * 1024) } });
    expect(big.status).toBe(413);
    expect((await json(big)).error.code).toBe('body-too-large');
    const text = await server.app.request('/api/runs', {
      method: 'POST',
      headers: { ...server.auth, 'Content-Type': 'text/plain' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
  });

  it('runs a script through the run layer, streaming status, plan, frames and memory events', async () => {
    server = createTestServer();
    const started = await server.post('/api/runs', { ...small, segments, policy: 'iamflow' });
    expect(started.status).toBe(202);
    const { run } = await json(started);
    expect(run).toMatchObject({ status: 'queued', policy: 'iamflow', width: 128, height: 72, prompts: 2 });
    const seen: Record<string, number> = {};
    const stream = await server.app.request(`/api/runs/${run.id}/stream`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    let firstFrame: { jpeg: string } | undefined;
    await readEvents(stream, ({ event, data }) => {
      seen[event] = (seen[event] ?? 0) + 1;
      if (event === 'frame') firstFrame ??= data as { jpeg: string };
      return undefined;
    });
    expect(seen).toMatchObject({ status: 3, plan: 1, segment: 2, chunk: 4, timing: 1 });
    expect(seen.frame).toBeGreaterThan(1);
    expect(seen.memory).toBeGreaterThan(0);
    expect(Buffer.from(firstFrame!.jpeg, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    const detail = await json(await server.app.request(`/api/runs/${run.id}`));
    expect(detail.run.status).toBe('done');
    expect(runJsonSchema.parse(detail.runJson).policy.name).toBe('iamflow');
    const list = await json(await server.app.request('/api/runs'));
    expect(list.runs.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const video = await server.app.request(`/api/runs/${run.id}/files/video.mp4`);
    expect(video.headers.get('content-type')).toBe('video/mp4');
  });

  it('starts a script file inside --data and an uploaded text script', async () => {
    server = createTestServer();
    mkdirSync(join(server.dataDir, 'scripts'));
    writeFileSync(
      join(server.dataDir, 'scripts', 'nora.txt'),
      'Nora walks in the rain.\nShe opens a red umbrella.\n',
    );
    const fromPath = await server.post('/api/runs', { ...small, path: 'scripts/nora.txt' });
    expect((await json(fromPath)).run.prompts).toBe(2);
    const form = new FormData();
    form.set('script', new File(['{"prompts": ["Nora walks.", "Ravi waves."]}\n'], 'two.jsonl'));
    form.set('options', JSON.stringify(small));
    const uploaded = await server.app.request('/api/runs', {
      method: 'POST',
      headers: server.auth,
      body: form,
    });
    expect(uploaded.status).toBe(202);
    expect((await json(uploaded)).run.prompts).toBe(2);
  });

  it('inserts a prompt while the run streams: it switches at the next chunk and run.json records it', async () => {
    server = createTestServer();
    const longer = segments.map((segment) => ({ ...segment, seconds: 3 }));
    const { run } = await json(await server.post('/api/runs', { ...small, segments: longer }));
    let answer: Body | undefined;
    const plans: PlanEvent[] = [];
    await readEvents(await server.app.request(`/api/runs/${run.id}/stream`), async ({ event, data }) => {
      if (event === 'plan') plans.push(data as PlanEvent);
      if (event === 'chunk' && (data as { chunksDone: number }).chunksDone === 1 && !answer) {
        answer = await json(
          await server.post(`/api/runs/${run.id}/prompts`, {
            insert: { text: 'A woman in a red dress opens a yellow umbrella.' },
          }),
        );
      }
      return undefined;
    });
    const text = 'A woman in a red dress opens a yellow umbrella.';
    expect(answer?.edit).toMatchObject({ kind: 'insert', text });
    const edit = answer!.edit;
    expect(plans.at(-1)!.segments[edit.segment]).toMatchObject({ prompt: text, startChunk: edit.chunk });
    const { runJson } = await json(await server.app.request(`/api/runs/${run.id}`));
    const parsed = runJsonSchema.parse(runJson);
    expect(parsed.edits).toEqual([edit]);
    expect(parsed.script.prompts).toContain(text);
    expect(parsed.script.prompts.at(-1)).toBe(segments[1]!.prompt);
    expect(parsed.costs.switches.map((s) => s.chunk)).toContain(edit.chunk);
    expect(parsed.timeline.segments[edit.segment]).toMatchObject({ prompt: text, startChunk: edit.chunk });

    const late = await server.post(`/api/runs/${run.id}/prompts`, { insert: { text: 'Too late.' } });
    expect(late.status).toBe(409);
    expect((await json(late)).error.code).toBe('run-not-live');
  });

  it('edits an upcoming prompt while the run streams, and refuses to edit a started one', async () => {
    server = createTestServer();
    const longer = segments.map((segment) => ({ ...segment, seconds: 3 }));
    const { run } = await json(await server.post('/api/runs', { ...small, segments: longer }));
    const answers: Response[] = [];
    await readEvents(await server.app.request(`/api/runs/${run.id}/stream`), async ({ event, data }) => {
      if (event === 'chunk' && (data as { chunksDone: number }).chunksDone === 1) {
        answers.push(
          await server.post(`/api/runs/${run.id}/prompts`, {
            edit: { segment: 1, text: 'He runs into a bakery.' },
          }),
        );
        answers.push(
          await server.post(`/api/runs/${run.id}/prompts`, { edit: { segment: 0, text: 'Too late.' } }),
        );
      }
      return undefined;
    });
    expect(answers.map((answer) => answer.status)).toEqual([200, 400]);
    expect((await json(answers[1]!)).error).toMatchObject({
      code: 'segment-started',
      hint: expect.stringContaining('insert'),
    });
    const parsed = runJsonSchema.parse((await json(await server.app.request(`/api/runs/${run.id}`))).runJson);
    expect(parsed.script.prompts).toEqual([longer[0]!.prompt, 'He runs into a bakery.']);
    expect(parsed.edits).toEqual([{ kind: 'edit', chunk: 4, segment: 1, text: 'He runs into a bakery.' }]);
    expect(parsed.prompts.map((p) => p.text)).toEqual(parsed.script.prompts);
  });

  it('cancels a run, and a viewer that goes away never stalls one', async () => {
    server = createTestServer();
    const long = [{ prompt: 'Nora walks in the rain.', seconds: 60 }];
    const { run } = await json(await server.post('/api/runs', { ...small, segments: long }));
    // This viewer reads one event and disconnects.
    await readEvents(await server.app.request(`/api/runs/${run.id}/stream`), () => false);
    let frames = 0;
    await readEvents(await server.app.request(`/api/runs/${run.id}/stream`), ({ event }) => {
      if (event === 'frame') frames += 1;
      return frames < 3;
    });
    const cancelled = await server.app.request(`/api/runs/${run.id}`, {
      method: 'DELETE',
      headers: server.auth,
    });
    expect(await cancelled.json()).toEqual({ id: run.id, status: 'cancelled' });
    const detail = await json(await server.app.request(`/api/runs/${run.id}`));
    expect(detail.run.status).toBe('cancelled');
    expect(detail.runJson).toBeNull();
    expect(readdirSync(join(server.dataDir, 'runs', run.id)).filter((name) => name.endsWith('.mp4'))).toEqual(
      [],
    );
  });

  it('finishes a run whose viewer never reads its stream', async () => {
    server = createTestServer();
    const { run } = await json(await server.post('/api/runs', { ...small, segments }));
    const stream = await server.app.request(`/api/runs/${run.id}/stream`);
    expect(stream.status).toBe(200);
    await server.runs.active(run.id)!.finished;
    expect((await json(await server.app.request(`/api/runs/${run.id}`))).run.status).toBe('done');
    await stream.body?.cancel();
  });

  it('forgets finished runs beyond 16 in memory but still answers for them from the index and the folder', async () => {
    server = createTestServer({ manager: { maxQueued: 20 } });
    const tiny = { ...small, segments: [{ prompt: 'Nora walks.', seconds: 0.75 }] };
    const ids: string[] = [];
    for (let i = 0; i < 18; i++) {
      const { run } = await json(await server.post('/api/runs', tiny));
      ids.push(run.id);
      await server.runs.active(run.id)!.finished;
    }
    expect(server.runs.active(ids[0]!)).toBeUndefined();
    expect(server.runs.active(ids[17]!)).toBeDefined();
    const first = await json(await server.app.request(`/api/runs/${ids[0]}`));
    expect(first.run.status).toBe('done');
    expect(runJsonSchema.parse(first.runJson).timeline.totalChunks).toBe(1);
    expect((await server.app.request(`/api/runs/${ids[0]}/stream`)).status).toBe(409);
  });

  it('answers 429 when the queue is full', async () => {
    server = createTestServer({ manager: { maxQueued: 1 } });
    const first = await server.post('/api/runs', {
      ...small,
      segments: [{ prompt: 'Nora walks.', seconds: 30 }],
    });
    expect(first.status).toBe(202);
    const second = await server.post('/api/runs', { ...small, segments });
    expect(second.status).toBe(429);
    expect((await json(second)).error).toMatchObject({ code: 'queue-full', hint: expect.any(String) });
  });

  it.each([
    '../runs.sqlite',
    '..%2Fruns.sqlite',
    '%2e%2e/%2e%2e/etc/passwd',
    '%2Fetc%2Fpasswd',
    'keyframes/..%2F..%2F..%2Fruns.sqlite',
    'link/passwd',
  ])('keeps file reads inside the run folder: %s', async (rest) => {
    server = createTestServer();
    const id = 'r1';
    mkdirSync(join(server.dataDir, 'runs', id), { recursive: true });
    symlinkSync('/etc', join(server.dataDir, 'runs', id, 'link'));
    const response = await server.app.request(`/api/runs/${id}/files/${rest}`);
    expect([403, 404]).toContain(response.status);
    const body = await response.text();
    expect(body).not.toContain('root:');
    expect(body).not.toContain('SQLite');
  });

  it('needs the token on reads and the stream when the host is not loopback', async () => {
    server = createTestServer({ protectReads: true });
    expect((await server.app.request('/api/runs')).status).toBe(401);
    expect((await server.app.request('/api/runs/x/stream')).status).toBe(401);
    expect((await server.app.request('/api/runs', { headers: server.auth })).status).toBe(200);
    expect((await server.app.request(`/api/runs/x/stream?token=${server.token}`)).status).toBe(404);
    expect((await server.app.request('/api/health')).status).toBe(200);
  });
});
