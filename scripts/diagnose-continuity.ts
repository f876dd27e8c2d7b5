import { characterOfMention } from '../src/bench/eval/oracle.js';
import { sampleIndices, segmentSpans } from '../src/bench/eval/sample-frames.js';
import { readRunFolder, tally } from './read-run-folder.js';

/**
 * Whether position continuity across a prompt switch keeps a character's identity in the render record: for each
 * character the script puts on screen in two consecutive segments, the drawn figure nearest (centre, in figure
 * heights) to its figure at the last sample of the earlier segment, in the first sample of the later one, and
 * whose it is. For development only.
 *
 *   npx tsx scripts/diagnose-continuity.ts RUN_DIR...
 */
const { add, print } = tally();
for (const dir of process.argv.slice(2)) {
  const { annotations, timeline, video, records } = await readRunFolder(dir);
  const spans = segmentSpans(timeline, video.frames.length);
  for (let k = 0; k + 1 < spans.length; k++) {
    const before = annotations.present[k] ?? [];
    const after = annotations.present[k + 1] ?? [];
    const last = sampleIndices(spans[k]!).at(-1)!;
    const first = sampleIndices(spans[k + 1]!)[0]!;
    const a = records[last]?.figures ?? [];
    const b = records[first]?.figures ?? [];
    const many = after.length > 1 ? '2+' : '1';
    for (const key of before.filter((item) => after.includes(item))) {
      const mine = a.filter((figure) => characterOfMention(figure.mention, annotations, before) === key);
      if (mine.length !== 1) {
        add(`${many}: not one figure before (${mine.length})`);
        continue;
      }
      const f = mine[0]!;
      const cx = f.box[0] + f.box[2] / 2;
      const cy = f.box[1] + f.box[3] / 2;
      const near = b
        .map((g) => ({
          g,
          d: Math.hypot(g.box[0] + g.box[2] / 2 - cx, g.box[1] + g.box[3] / 2 - cy) / f.box[3],
        }))
        .sort((x, y) => x.d - y.d);
      if (near.length === 0) {
        add(`${many}: nothing after`);
        continue;
      }
      const whose = characterOfMention(near[0]!.g.mention, annotations, after);
      const band = near[0]!.d <= 0.75 ? 'near' : 'far';
      add(`${many}: ${band}, ${whose === key ? 'same' : whose === undefined ? 'unmapped' : 'other'}`);
    }
  }
}
print();
