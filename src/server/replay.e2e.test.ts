import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/__fixtures__/cli-harness.js';
import { generateCommand } from '../cli/commands/generate.js';
import { runJsonSchema } from '../pipeline/run-json.js';
import { createTestServer, readEvents } from './__fixtures__/test-server.js';

let server: ReturnType<typeof createTestServer>;
afterEach(async () => server?.close());

describe('a run steered live replays with iamflow generate', () => {
  it.each(['longlive', 'iamflow'])('gives the same video and render record (%s)', async (policy) => {
    server = createTestServer();
    const segments = [
      { prompt: 'Ravi, a tall man in a gray coat, waits at a bus stop.', seconds: 3 },
      { prompt: 'He walks into a small cafe.', seconds: 3 },
    ];
    const started = await server.post('/api/runs', {
      segments,
      policy,
      size: { width: 128, height: 72 },
      evaluate: false,
    });
    const { run } = (await started.json()) as { run: { id: string } };
    let inserted = false;
    await readEvents(await server.app.request(`/api/runs/${run.id}/stream`), async ({ event }) => {
      if (event === 'chunk' && !inserted) {
        inserted = true;
        const answer = await server.post(`/api/runs/${run.id}/prompts`, {
          insert: { text: 'A woman in a red dress opens a yellow umbrella.', chunks: 2 },
        });
        expect(answer.status).toBe(200);
      }
      return undefined;
    });
    const runDir = join(server.dataDir, 'runs', run.id);
    const runJson = runJsonSchema.parse(JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')));
    expect(runJson.edits).toHaveLength(1);

    // The recorded prompts as a script file, generated again from scratch.
    const { id, fps, prompts, seconds } = runJson.script;
    const script = join(server.dataDir, 'replay.jsonl');
    writeFileSync(script, `${JSON.stringify({ id, fps, prompts, seconds })}\n`);
    const out = join(server.dataDir, 'replay');
    const { code, stderr } = await runCli(
      ['generate', script, '--out', out, '--size', '128x72', '--policy', policy, '--quiet'],
      { commands: [generateCommand] },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const file of ['video.mp4', 'render.jsonl']) {
      expect(readFileSync(join(out, file)).equals(readFileSync(join(runDir, file))), file).toBe(true);
    }
  });
});
