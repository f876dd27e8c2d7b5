import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { fuzzParameters } from '../../test/fuzz.js';
import { createTestServer } from './__fixtures__/test-server.js';
import { openRunIndex } from './run-index.js';

// concurrency 0: a valid request is queued (the whole validation path runs) but never generates a video.
let server: ReturnType<typeof createTestServer>;
beforeAll(() => {
  server = createTestServer({ manager: { concurrency: 0, maxQueued: Number.MAX_SAFE_INTEGER } });
  mkdirSync(join(server.dataDir, 'scripts'), { recursive: true });
  writeFileSync(
    join(server.dataDir, 'scripts', 'nora.jsonl'),
    '{"id": "nora", "prompts": ["Nora walks."]}\n',
  );
  // A run folder whose run.json a killed run left cut short.
  mkdirSync(join(server.dataDir, 'runs', '20260101-000000-abcdef'), { recursive: true });
  writeFileSync(join(server.dataDir, 'runs', '20260101-000000-abcdef', 'run.json'), '{"version": 1, "scr');
  const index = openRunIndex(join(server.dataDir, 'runs.sqlite'));
  index.insert({
    ...{
      id: '20260101-000000-abcdef',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'interrupted' as const,
    },
    ...{
      policy: 'iamflow',
      scriptId: 's',
      seed: 1,
      width: 64,
      height: 64,
      prompts: 1,
      error: null,
      scores: null,
    },
  });
  index.close();
});
afterAll(async () => server?.close());

/** Every answer is JSON; every refusal a 4xx with a stable code and message, 400s with issues that have paths. */
async function check(response: Response): Promise<void> {
  expect(response.status, await response.clone().text()).not.toBe(500);
  if (response.status === 202) {
    // Cancelled at once: the manager then forgets it, so 100,000 inputs do not pile up queued runs in memory.
    const { run } = (await response.json()) as { run: { id: string } };
    await server.runs.cancel(run.id);
    return;
  }
  if (response.status < 400) return;
  expect(response.status).toBeLessThan(500);
  const body = (await response.json()) as { error: { code: string; message: string; issues?: unknown[] } };
  expect(body.error.code).toMatch(/^[a-z][a-z0-9-]*$/);
  expect(body.error.message.length).toBeGreaterThan(0);
  for (const issue of body.error.issues ?? []) {
    expect(issue).toMatchObject({
      code: expect.any(String),
      path: expect.any(Array),
      message: expect.any(String),
    });
  }
}

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(0, -1, 1, 2, 63, 64, 65, 960, 962, 0xffffffff, 2 ** 32, 1.5, '', 'x', null, true),
);
const prompt = fc.oneof(
  fc.constantFrom('Nora walks.', '', ' ', 'x'.repeat(2001)),
  fc.string({ maxLength: 30 }),
);
const scriptText = fc.oneof(
  fc.constantFrom(
    '{"prompts": ["a"]}',
    'prompts: [*a]',
    'a\nb',
    '{"prompts": ["a"]}\n{"prompts": ["b"]}',
    '',
  ),
  fc.string({ maxLength: 80, unit: 'binary' }),
);

/** Run requests near the valid ones. */
const runRequest = fc.record(
  {
    script: fc.oneof(
      fc.record(
        {
          text: scriptText,
          name: fc.oneof(
            fc.constantFrom('a.jsonl', 'a.yaml', 'a.txt', 'a.json', '/', '..', '', 'a'),
            anyValue,
          ),
          line: anyValue,
          id: anyValue,
        },
        { requiredKeys: ['text'] },
      ),
      anyValue,
    ),
    path: fc.oneof(
      fc.constantFrom(
        'scripts/nora.jsonl',
        '../etc/passwd',
        '/etc/passwd',
        'scripts',
        'runs.sqlite',
        '',
        '.',
      ),
      anyValue,
    ),
    line: anyValue,
    id: anyValue,
    segments: fc.oneof(
      fc.array(fc.record({ prompt, seconds: anyValue }, { requiredKeys: ['prompt'] }), { maxLength: 3 }),
      anyValue,
    ),
    policy: fc.oneof(fc.constantFrom('iamflow', 'longlive', 'memflow', 'nope', ''), anyValue),
    seed: anyValue,
    size: fc.oneof(fc.record({ width: anyValue, height: anyValue }), anyValue),
    steps: anyValue,
    transition: fc.oneof(fc.constantFrom('swap', 'soft', 'x'), anyValue),
    curve: fc.oneof(fc.constantFrom('cosine', 'x'), anyValue),
    agents: fc.oneof(fc.dictionary(fc.constantFrom('llm', 'vlm', 'x'), anyValue, { maxKeys: 2 }), anyValue),
    evaluate: anyValue,
    extra: anyValue,
  },
  { requiredKeys: [] },
);

const promptChange = fc.oneof(
  fc.record({
    insert: fc.oneof(fc.record({ text: prompt, chunks: anyValue }, { requiredKeys: [] }), anyValue),
  }),
  fc.record({
    edit: fc.oneof(fc.record({ segment: anyValue, text: prompt }, { requiredKeys: [] }), anyValue),
  }),
  anyValue,
);

const runIds = fc.constantFrom(
  '20260101-000000-abcdef',
  'x',
  '..',
  '%2e%2e',
  'a%00b',
  '20260101-000000-zzzzzz',
);

describe('every body the server accepts: no 500, no hang, every refusal a coded error', () => {
  test.prop([fc.oneof(runRequest, anyValue)], fuzzParameters)('POST /api/runs (JSON value)', async (body) => {
    await check(await server.post('/api/runs', body));
  });

  test.prop(
    [
      fc.string({ maxLength: 120, unit: 'binary' }),
      fc.constantFrom('application/json', 'text/plain', '', 'application/json; charset=latin1'),
    ],
    fuzzParameters,
  )('POST /api/runs (raw body, any content type)', async (body, type) => {
    const headers = { ...server.auth, ...(type ? { 'Content-Type': type } : {}) };
    await check(await server.app.request('/api/runs', { method: 'POST', headers, body }));
  });

  test.prop(
    [
      fc.option(scriptText, { nil: undefined }),
      fc.option(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          runRequest.map((value) => JSON.stringify(value)),
        ),
        { nil: undefined },
      ),
      fc.constantFrom('a.jsonl', '', 'b.txt'),
    ],
    fuzzParameters,
  )('POST /api/runs (multipart form)', async (text, options, name) => {
    const form = new FormData();
    if (text !== undefined) form.set('script', new File([text], name));
    if (options !== undefined) form.set('options', options);
    await check(await server.app.request('/api/runs', { method: 'POST', headers: server.auth, body: form }));
  });

  test.prop(
    [
      runIds,
      fc.oneof(
        promptChange,
        fc.string({ maxLength: 40 }).map((text) => ({ raw: text })),
      ),
    ],
    fuzzParameters,
  )('POST /api/runs/:id/prompts', async (id, body) => {
    await check(await server.post(`/api/runs/${id}/prompts`, body));
  });

  test.prop(
    [
      runIds,
      fc.constantFrom(
        '',
        '/stream',
        '/files/run.json',
        '/files/../../runs.sqlite',
        '/files/%2e%2e/x',
        '/files/%',
      ),
    ],
    fuzzParameters,
  )('GET /api/runs/:id and its files (including a run.json cut short)', async (id, rest) => {
    await check(await server.app.request(`/api/runs/${id}${rest}`));
  });

  test.prop([fc.string({ maxLength: 30 })], fuzzParameters)('GET /api/bench?path=', async (path) => {
    await check(await server.app.request(`/api/bench?path=${encodeURIComponent(path)}`));
  });
});
