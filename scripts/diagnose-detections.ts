import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import type { Box } from '../src/bench/eval/measure/figure-mask.js';
import { showsPerson } from '../src/bench/eval/measure/find-figures.js';
import { holdsFigure, readRunFolder, tally } from './read-run-folder.js';

/** Pixels a detection's box (video pixels) shares with a drawn box (engine pixels times `scale`). */
function overlap(box: Box, drawn: readonly number[], scale: number): number {
  const [x, y, w, h] = drawn.map((value) => value * scale) as [number, number, number, number];
  const width = Math.min(box[0] + box[2], x + w) - Math.max(box[0], x);
  const height = Math.min(box[1] + box[3], y + h) - Math.max(box[1], y);
  return Math.max(0, width) * Math.max(0, height);
}

/**
 * What the detections of the decoded video hold at the sampled frames, against the drawn figures of the render
 * record: one drawn figure, several (merged), none (spurious: a piece of a drawn figure or the scene, still or
 * moving); drawn figures no detection holds (missed, and why: off frame, behind another, rejected as still, not in
 * the figure mask, filtered); frames with more figures than characters on screen, drawn and detected (what
 * duplication counts); and whether each detection passes the still-figure test (face, head on shoulders). With
 * RAW_FRAMES=1 the frames before compression, as the bench scores them. For development only.
 *
 *   [RAW_FRAMES=1] npx tsx scripts/diagnose-detections.ts RUN_DIR...
 */
const { add, print } = tally();
for (const dir of process.argv.slice(2)) {
  const { annotations, timeline, video, records, scale } = await readRunFolder(dir);
  for (const segment of analyseSegments(video.frames, timeline, annotations)) {
    for (const sample of segment.samples) {
      const drawn = records[sample.index]?.figures ?? [];
      const found = sample.detection.figures;
      const frameWidth = video.frames[sample.index]!.width;
      const frameHeight = video.frames[sample.index]!.height;
      for (const figure of found) {
        const held = drawn.filter((item) => holdsFigure(figure.box, item, scale)).length;
        // A spurious detection over part of a drawn figure is a piece of it; elsewhere it is the scene.
        const over = drawn.some(
          (item) => overlap(figure.box, item.box, scale) > 0.5 * figure.box[2] * figure.box[3],
        );
        const kind =
          held === 0
            ? `spurious${figure.still ? ' (still)' : ''}${over ? ', piece of a figure' : ', scene'}`
            : held === 1
              ? 'one figure'
              : 'merged';
        add(`detection: ${kind}`);
        // Whether it passes the still-figure test (a rule could use it for moving blobs too), and touches the edge.
        const [bx, by, bw, bh] = figure.box;
        const edge = bx <= 0 || by <= 0 || bx + bw >= frameWidth || by + bh >= frameHeight;
        const personLike = showsPerson(video.frames[sample.index]!, sample.detection.mask, figure.box);
        add(
          `feature: ${kind.startsWith('spurious') ? 'spurious' : kind}${figure.still ? ' (still)' : ''}${edge ? ', edge' : ''}, person-like ${personLike}`,
        );
      }
      for (const item of drawn) {
        if (found.some((figure) => holdsFigure(figure.box, item, scale))) continue;
        const [x, y, w, h] = item.box.map((value) => value * scale) as [number, number, number, number];
        const inside =
          Math.max(0, Math.min(x + w, frameWidth) - Math.max(x, 0)) *
          Math.max(0, Math.min(y + h, frameHeight) - Math.max(y, 0));
        const covered = drawn.some((other) => {
          const [ox, oy, ow, oh] = other.box;
          return (
            other !== item &&
            overlap([ox * scale, oy * scale, ow * scale, oh * scale], item.box, scale) > 0.3 * w * h
          );
        });
        const why = (): string => {
          if (inside < 0.7 * w * h) return 'off frame';
          if (covered) return 'behind another';
          if (found.some((figure) => overlap(figure.box, item.box, scale) > 0)) return 'partly detected';
          if (sample.detection.rejected.some((blob) => holdsFigure(blob.box, item, scale)))
            return 'rejected as still';
          const { mask } = sample.detection;
          let on = 0;
          let all = 0;
          for (let py = Math.max(0, Math.round(y)); py < Math.min(frameHeight, Math.round(y + h)); py++)
            for (let px = Math.max(0, Math.round(x)); px < Math.min(frameWidth, Math.round(x + w)); px++) {
              all++;
              on += mask.data[py * frameWidth + px]!;
            }
          const edge = x <= 1 || x + w >= frameWidth - 1 ? ', at the edge' : '';
          if (on < 0.2 * all) return `not in the mask${edge}`;
          if (h < 0.12 * frameHeight) return 'small';
          return `in the mask (${on < 0.5 * all ? 'under half' : 'over half'}), filtered${edge}`;
        };
        add(`drawn: missed, ${why()}`);
      }
      add(
        `count: ${found.length > drawn.length ? 'more' : found.length < drawn.length ? 'fewer' : 'same'} than drawn`,
      );
      // What duplication sees: more figures than characters on screen, in the drawing and in the detections.
      const present = segment.present?.length ?? 0;
      add(
        `duplicates: drawn ${drawn.length > present ? 'yes' : 'no'}, detected ${found.length > present ? 'yes' : 'no'}`,
      );
    }
  }
}
print();
