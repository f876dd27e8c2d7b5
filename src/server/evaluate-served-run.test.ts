import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestServer, readEvents } from './__fixtures__/test-server.js';
import { evaluateServedRun } from './evaluate-served-run.js';
import type { RunRow } from './run-index.js';
import type { SegmentBreakdown } from './segment-breakdown.js';

let server: ReturnType<typeof createTestServer>;
afterEach(async () => server?.close());

const script = {
  id: 'pair',
  seconds: 1.5,
  prompts: [
    'Nora, a young woman with long red hair in a yellow raincoat, walks along a rainy street.',
    'Ravi, a tall man in a gray coat, waits at a bus stop.',
    'Nora stops next to Ravi under the shelter.',
  ],
  characters: {
    nora: { aliases: ['Nora'], attrs: ['long red hair', 'yellow raincoat'] },
    ravi: { aliases: ['Ravi'], attrs: ['gray coat'] },
  },
  present: [['nora'], ['ravi'], ['nora', 'ravi']],
};

async function finish(body: Record<string, unknown>): Promise<RunRow> {
  const answer = (await (await server.post('/api/runs', body)).json()) as { run: RunRow };
  await readEvents(await server.app.request(`/api/runs/${answer.run.id}/stream`), () => undefined);
  const detail = (await (await server.app.request(`/api/runs/${answer.run.id}`)).json()) as { run: RunRow };
  return detail.run;
}

describe('the evaluation of a served run', () => {
  it('holds a per-segment breakdown: prompts, expected characters, grounding and consistency', async () => {
    server = createTestServer({ manager: { evaluate: evaluateServedRun } });
    mkdirSync(join(server.dataDir, 'scripts'));
    writeFileSync(join(server.dataDir, 'scripts', 'pair.jsonl'), `${JSON.stringify(script)}\n`);
    const run = await finish({
      size: { width: 128, height: 72 },
      policy: 'longlive',
      path: 'scripts/pair.jsonl',
    });
    expect(run.status).toBe('done');
    expect(run.scores?.total).toEqual(expect.any(Number));
    const evaluation = JSON.parse(
      readFileSync(join(server.dataDir, 'runs', run.id, 'evaluation.json'), 'utf8'),
    ) as { metrics: Record<string, number>; segments: SegmentBreakdown[] };
    // The annotated metrics were computed, so the script's annotations reached the evaluator.
    expect(evaluation.metrics.entityGrounding).toEqual(expect.any(Number));
    expect(evaluation.segments).toHaveLength(3);
    expect(evaluation.segments.map((segment) => segment.prompt)).toEqual(script.prompts);
    expect(evaluation.segments.map((segment) => segment.expected)).toEqual(script.present);
    for (const [index, segment] of evaluation.segments.entries()) {
      expect(segment.index).toBe(index);
      expect(segment.characters.map((item) => item.character)).toEqual(script.present[index]);
      for (const item of segment.characters) {
        expect(typeof item.grounded).toBe('boolean');
        if (item.consistency !== null) {
          expect(item.grounded).toBe(true);
          expect(item.consistency).toBeGreaterThanOrEqual(0);
          expect(item.consistency).toBeLessThanOrEqual(100);
        }
      }
    }
    // Nora is found in both of her segments of the seeded mini run, so each has a consistency.
    expect(evaluation.segments[0]?.characters[0]).toMatchObject({
      grounded: true,
      consistency: expect.any(Number),
    });
  }, 60_000);

  it('says per segment that there are no annotations when the script has none', async () => {
    server = createTestServer({ manager: { evaluate: evaluateServedRun } });
    const run = await finish({
      size: { width: 128, height: 72 },
      policy: 'longlive',
      segments: [
        { prompt: 'Ravi waits at a bus stop.', seconds: 1.5 },
        { prompt: 'He walks into a cafe.', seconds: 1.5 },
      ],
    });
    const evaluation = JSON.parse(
      readFileSync(join(server.dataDir, 'runs', run.id, 'evaluation.json'), 'utf8'),
    ) as { segments: SegmentBreakdown[] };
    expect(evaluation.segments).toEqual([
      { index: 0, prompt: 'Ravi waits at a bus stop.', expected: null, characters: [] },
      { index: 1, prompt: 'He walks into a cafe.', expected: null, characters: [] },
    ]);
  }, 60_000);
});
