import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLivePrompts, type LivePrompts } from '../pipeline/live-prompts.js';
import { runJsonSchema } from '../pipeline/run-json.js';
import { createRunDirSink } from './create-run-dir-sink.js';
import { runScript } from './run-script.js';

const segments = [
  { prompt: 'Ravi, a tall man in a gray coat, waits at a bus stop.', seconds: 3 },
  { prompt: 'He walks into a small cafe.', seconds: 3 },
];

describe('runScript with live prompts', () => {
  it('records the prompts as used, and replaying them gives the same video', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-live-'));
    let live: LivePrompts | undefined;
    await runScript(
      {
        segments,
        policy: { name: 'longlive' },
        size: { width: 64, height: 36 },
        output: { keyframes: false, renderRecord: true },
      },
      createRunDirSink({ dir: join(dir, 'live') }),
      {
        livePrompts: (timeline) => {
          live = createLivePrompts(timeline);
          return live;
        },
        onProgress: (progress) => {
          if (progress.chunksDone === 2) live?.insert('A woman in a red dress opens a yellow umbrella.');
        },
      },
    );
    const runJson = runJsonSchema.parse(JSON.parse(readFileSync(join(dir, 'live', 'run.json'), 'utf8')));
    expect(runJson.edits).toEqual([
      { kind: 'insert', chunk: 2, segment: 1, text: 'A woman in a red dress opens a yellow umbrella.' },
    ]);
    expect(runJson.script.prompts).toEqual([
      segments[0]!.prompt,
      runJson.edits![0]!.text,
      segments[1]!.prompt,
    ]);
    expect(runJson.script.seconds).toEqual([1.5, 1.5, 3]);
    expect(runJson.costs.switches.map((s) => s.chunk)).toEqual([2, 4]);

    const { prompts, seconds, fps, id } = runJson.script;
    await runScript(
      {
        script: { id, fps, prompts, seconds, source: { path: 'replay' } },
        policy: { name: 'longlive' },
        size: { width: 64, height: 36 },
        output: { keyframes: false, renderRecord: true },
      },
      createRunDirSink({ dir: join(dir, 'replay') }),
    );
    const read = (name: string) => [
      readFileSync(join(dir, 'live', name)),
      readFileSync(join(dir, 'replay', name)),
    ];
    const [liveVideo, replayVideo] = read('video.mp4');
    expect(liveVideo!.equals(replayVideo!)).toBe(true);
    const [liveRender, replayRender] = read('render.jsonl');
    expect(liveRender!.equals(replayRender!)).toBe(true);
  });
});
