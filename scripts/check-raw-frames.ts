import { join } from 'node:path';
import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { evaluateVideo } from '../src/bench/eval/evaluate-video.js';
import { identityMetricNames } from '../src/bench/eval/oracle-agreement.js';
import { openBenchStore } from '../src/bench/store/open-bench-store.js';
import { readRunFolder } from './read-run-folder.js';

/**
 * Whether `RAW_FRAMES=1` remakes the frames the bench scored: the pixel identity metrics of the remade frames
 * against the values the bench stored, for the first N runs of a results folder. For development only.
 *
 *   RAW_FRAMES=1 npx tsx scripts/check-raw-frames.ts RESULTS_DIR [N]
 */
const dir = process.argv[2]!;
const limit = Number(process.argv[3] ?? 4);
const store = await openBenchStore(join(dir, 'results.sqlite'), dir);
const runs = (await store.listRuns({ status: 'done' })).filter((run) => run.runDir !== undefined);
await store.close();
for (const run of runs.slice(0, limit)) {
  const { annotations, timeline, video } = await readRunFolder(join(dir, run.runDir!));
  const analysis = analyseSegments(video.frames, timeline, annotations);
  const report = await evaluateVideo({
    frames: video.frames,
    fps: timeline.fps,
    timeline,
    annotations,
    analysis,
  });
  const pairs = identityMetricNames.map(
    (name) =>
      `${run.metrics?.[name]?.toFixed(2)}/${report.metrics[name as keyof typeof report.metrics]?.toFixed(2)}`,
  );
  console.log(run.runDir, pairs.join(' '));
}
