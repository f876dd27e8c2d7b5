import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { holdsFigure, readRunFolder } from './read-run-folder.js';

/**
 * Writes enlarged crops (frame | figure mask, drawn boxes in green, detections in red, rejected still blobs in
 * yellow) of sampled frames where a kind of detection failure happens, for looking at. For development only.
 *
 *   RAW_FRAMES=1 npx tsx scripts/crop-detections.ts OUT_PREFIX KIND LIMIT RUN_DIR...
 *
 * KIND: rejected (a drawn figure held only by a still blob rejected as no person), missed (held by nothing),
 * spurious (a detection holding no drawn figure), merged (a detection holding several), falsedup (more detections
 * than characters on screen, not more drawn figures), misseddup (more drawn figures, not more detections).
 */
const [prefix, kind, limitText, ...dirs] = process.argv.slice(2);
const limit = Number(limitText);
let written = 0;
const zoom = 4;
for (const dir of dirs) {
  if (written >= limit) break;
  const { annotations, timeline, video, records, scale } = await readRunFolder(dir);
  for (const segment of analyseSegments(video.frames, timeline, annotations)) {
    for (const sample of segment.samples) {
      if (written >= limit) break;
      const drawn = records[sample.index]?.figures ?? [];
      const found = sample.detection.figures;
      const holders = (item: (typeof drawn)[number]) => found.filter((f) => holdsFigure(f.box, item, scale));
      const hit =
        kind === 'rejected'
          ? drawn.some(
              (item) =>
                holders(item).length === 0 &&
                sample.detection.rejected.some((blob) => holdsFigure(blob.box, item, scale)),
            )
          : kind === 'missed'
            ? drawn.some((item) => holders(item).length === 0)
            : kind === 'misseddup'
              ? found.length <= (segment.present?.length ?? 0) &&
                drawn.length > (segment.present?.length ?? 0)
              : kind === 'falsedup'
                ? found.length > (segment.present?.length ?? 0) &&
                  drawn.length <= (segment.present?.length ?? 0)
                : kind === 'spurious'
                  ? found.some((f) => !drawn.some((item) => holdsFigure(f.box, item, scale)))
                  : found.some((f) => drawn.filter((item) => holdsFigure(f.box, item, scale)).length > 1);
      if (!hit) continue;
      const frame = video.frames[sample.index]!;
      const { width, height } = frame;
      const canvas = createCanvas(width * zoom * 2 + 4, height * zoom);
      const context = canvas.getContext('2d');
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const p = (y * width + x) * 3;
          context.fillStyle = `rgb(${frame.data[p]},${frame.data[p + 1]},${frame.data[p + 2]})`;
          context.fillRect(x * zoom, y * zoom, zoom, zoom);
          const on = sample.detection.mask.data[y * width + x] === 1;
          context.fillStyle = on ? '#fff' : '#222';
          context.fillRect(width * zoom + 4 + x * zoom, y * zoom, zoom, zoom);
        }
      const box = (b: readonly number[], colour: string, factor: number) => {
        context.strokeStyle = colour;
        context.lineWidth = 1;
        for (const offset of [0, width * zoom + 4])
          context.strokeRect(
            offset + b[0]! * factor * zoom,
            b[1]! * factor * zoom,
            b[2]! * factor * zoom,
            b[3]! * factor * zoom,
          );
      };
      for (const item of drawn) box(item.box, '#0f0', scale);
      for (const f of found) box(f.box, '#f00', 1);
      for (const f of sample.detection.rejected) box(f.box, '#ff0', 1);
      const name = `${prefix}-${written}.png`;
      writeFileSync(name, canvas.toBuffer('image/png'));
      console.log(name, dir, sample.index, drawn.map((item) => item.mention).join(', '));
      written++;
    }
  }
}
