import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { holdsFigure, readRunFolder, tally } from './read-run-folder.js';

/**
 * What the detections of the decoded video hold at the sampled frames, against the drawn figures of the render
 * record: one drawn figure, several (merged), none (spurious, split by still or moving); and drawn figures no
 * detection holds (missed). For development only.
 *
 *   npx tsx scripts/diagnose-detections.ts RUN_DIR...
 */
const { add, print } = tally();
for (const dir of process.argv.slice(2)) {
  const { annotations, timeline, video, records, scale } = await readRunFolder(dir);
  for (const segment of analyseSegments(video.frames, timeline, annotations)) {
    for (const sample of segment.samples) {
      const drawn = records[sample.index]?.figures ?? [];
      const found = sample.detection.figures;
      for (const figure of found) {
        const held = drawn.filter((item) => holdsFigure(figure.box, item, scale)).length;
        add(
          held === 0
            ? `detection: spurious${figure.still ? ' (still)' : ''}`
            : held === 1
              ? 'detection: one figure'
              : 'detection: merged',
        );
      }
      for (const item of drawn)
        if (!found.some((figure) => holdsFigure(figure.box, item, scale))) add('drawn: missed');
      add(
        `count: ${found.length > drawn.length ? 'more' : found.length < drawn.length ? 'fewer' : 'same'} than drawn`,
      );
    }
  }
}
print();
