/**
 * What the bench's evaluation costs per run: generates a few suite scripts under each policy once (frames kept in
 * memory, as the bench does), then measures the CPU time of `evaluateCollected` over them (CPU, not wall: the
 * figure holds on a shared machine) and prints the mean per run and a digest of
 * every metric, so two versions of the evaluator can be compared for speed and for identical results.
 *
 *   npx tsx bench/eval-cost.ts                                  # 2 scripts x 4 policies, 3 repeats
 *   npx tsx bench/eval-cost.ts --scripts 4 --repeats 5 --policy longlive
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { evaluatedFrameIndices } from '../src/bench/eval/sample-frames.js';
import { evaluateCollected } from '../src/bench/runner/evaluate-collected.js';
import { createCollectSink } from '../src/run/collect-sink.js';
import { runScript } from '../src/run/run-script.js';
import { readScripts } from '../src/script/read-script.js';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'bench/suite/smoke-12.jsonl' },
    scripts: { type: 'string', default: '2' },
    policy: { type: 'string', multiple: true },
    repeats: { type: 'string', default: '3' },
    size: { type: 'string', default: '240x136' },
  },
  strict: true,
});
const [width, height] = values.size.split('x').map(Number) as [number, number];
const { scripts } = await readScripts(values.suite);
const runs = [];
for (const script of scripts.slice(0, Number(values.scripts))) {
  for (const policy of values.policy ?? ['self-forcing', 'longlive', 'memflow', 'iamflow']) {
    // One generation feeds both: `collect` keeps every frame, `sparse` (next in the chain) only the evaluated ones.
    const sparse = createCollectSink(undefined, {
      keep: ({ timeline }) => ({
        frameCount: timeline.totalVideoFrames,
        indices: evaluatedFrameIndices(timeline, timeline.totalVideoFrames),
      }),
    });
    const collect = createCollectSink(sparse);
    const { result } = await runScript(
      {
        script,
        policy: { name: policy },
        seed: 1,
        size: { width, height },
        output: { keyframes: false, renderRecord: true },
      },
      collect,
    );
    runs.push({ label: `${script.id} ${policy}`, collect, sparse, timeline: result.timeline, script });
  }
}
const lines: string[] = [];
for (const variant of ['all frames', 'evaluated frames only'] as const) {
  const digest = createHash('sha256');
  const times: number[] = [];
  for (let repeat = 0; repeat < Number(values.repeats); repeat++) {
    const started = process.cpuUsage();
    for (const run of runs) {
      const frames = variant === 'all frames' ? run.collect.frames : run.sparse.frames;
      const evaluation = await evaluateCollected(
        frames,
        run.collect.renderRecord,
        run.timeline,
        run.script.annotations,
      );
      if (repeat === 0) digest.update(`${run.label} ${JSON.stringify(evaluation)}\n`);
    }
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000 / runs.length);
  }
  lines.push(
    `${variant}: ${runs.length} runs, evaluation CPU ms per run ${times.map((ms) => ms.toFixed(0)).join(' ')} (best ${Math.min(...times).toFixed(0)}); metrics digest ${digest.digest('hex').slice(0, 16)}`,
  );
}
console.log(lines.join('\n'));
