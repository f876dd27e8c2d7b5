/**
 * Where within a segment the background changes: generates a few suite scripts under each policy and prints the
 * evaluator's background difference (mean absolute pixel difference outside the figures, `meanDifference`, the
 * quantity background consistency scores) between each sampled frame (10/30/50/70/90 % of the segment) and the
 * segment's first sample, and between each sample and the previous one, averaged over all segments.
 *
 *   npx tsx scripts/background-by-sample.ts                                # longlive, iamflow, iamflow/recache
 *   npx tsx scripts/background-by-sample.ts --policy memflow --lines 0,60,120
 */
import { parseArgs } from 'node:util';
import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { meanDifference } from '../src/bench/eval/frame-difference.js';
import { policyVariantLabel, policyVariants } from '../src/bench/runner/policy-variants.js';
import { createCollectSink } from '../src/run/collect-sink.js';
import { runScript } from '../src/run/run-script.js';
import { readScripts } from '../src/script/read-script.js';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'bench/suite/narrastream-324.jsonl' },
    lines: { type: 'string', default: '0,60,120,180,240,300' },
    policy: { type: 'string', multiple: true },
  },
  strict: true,
});
const { scripts } = await readScripts(values.suite);
const picks = values.lines.split(',').map((line) => {
  const script = scripts[Number(line)];
  if (!script) throw new Error(`--lines: the suite has no script at index ${line}`);
  return script;
});
const mean = (list: number[]) => list.reduce((sum, value) => sum + value, 0) / Math.max(1, list.length);

for (const label of values.policy ?? ['longlive', 'iamflow', 'iamflow/recache']) {
  const variant = policyVariants.find((entry) => policyVariantLabel(entry) === label);
  const policy = variant ? { name: variant.policy, settings: variant.settings } : { name: label };
  const toFirst: number[][] = [[], [], [], [], []];
  const toPrevious: number[][] = [[], [], [], [], []];
  for (const script of picks) {
    const collect = createCollectSink();
    const { result } = await runScript(
      {
        script,
        policy,
        seed: 1,
        size: { width: 240, height: 136 },
        output: { keyframes: false, renderRecord: true },
      },
      collect,
    );
    const { frames } = collect;
    for (const { samples } of analyseSegments(frames, result.timeline, script.annotations)) {
      for (let k = 1; k < samples.length; k++) {
        const [sample, first, previous] = [samples[k]!, samples[0]!, samples[k - 1]!];
        const a = meanDifference(frames[sample.index]!, frames[first.index]!, [sample.margin, first.margin]);
        const b = meanDifference(frames[sample.index]!, frames[previous.index]!, [
          sample.margin,
          previous.margin,
        ]);
        if (a !== undefined) toFirst[k]!.push(a);
        if (b !== undefined) toPrevious[k]!.push(b);
      }
    }
  }
  const row = (lists: number[][]) =>
    lists
      .slice(1)
      .map((list) => mean(list).toFixed(2))
      .join(' ');
  console.log(
    `${label}: samples 2-5 against the first ${row(toFirst)} | against the previous ${row(toPrevious)}`,
  );
}
