import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { deltaE2000, type Lab, labOf } from '../src/bench/eval/measure/lab-colour.js';
import { appearanceRgb, appearanceLayout as layout, skinRgb } from '../src/engine/mini/appearance.js';
import { holdsFigure, readRunFolder, tally } from './read-run-folder.js';

/**
 * Which drawn colour each part the pixel reader reads (hair, face, neck, torso, legs) is nearest to, for the
 * detections that hold exactly one drawn figure, split by what the figure wears (a hat, a beard, a scarf, a coat):
 * the evidence behind the oracle's `drawnReading`. "other" is a read more than 12 CIEDE2000 from every drawn colour
 * of the figure. For development only.
 *
 *   npx tsx scripts/diagnose-parts.ts RUN_DIR...
 */
const { add, print } = tally();
for (const dir of process.argv.slice(2)) {
  const { annotations, timeline, video, records, scale } = await readRunFolder(dir);
  for (const segment of analyseSegments(video.frames, timeline, annotations)) {
    for (const sample of segment.samples) {
      for (const reading of sample.figures) {
        const inside = (records[sample.index]?.figures ?? []).filter((figure) =>
          holdsFigure(reading.box, figure, scale),
        );
        if (inside.length !== 1) continue;
        const look = inside[0]!.appearance;
        const has = (entry: number) => look[entry]! > 0.5;
        const at = (offset: number) => labOf(...appearanceRgb(look, offset));
        const drawn: Record<string, Lab> = {
          hair: at(layout.hair),
          skin: labOf(...skinRgb(look[layout.skin]!)),
          top: at(layout.top),
          bottom: at(layout.bottom),
        };
        for (const item of ['hat', 'outerwear', 'scarf', 'bag', 'umbrella'] as const)
          if (has(layout[item])) drawn[item] = at(layout[item] + 1);
        const worn: Record<string, string> = {
          hair: has(layout.hat) ? 'hat' : 'no hat',
          face: has(layout.beard) ? 'beard' : 'no beard',
          neck: has(layout.scarf) ? 'scarf' : has(layout.outerwear) ? 'coat' : 'neither',
          torso: has(layout.outerwear) ? 'coat' : 'no coat',
          legs: '',
        };
        for (const [part, read] of Object.entries(reading.regions)) {
          let nearest = 'other';
          let distance = 12;
          for (const [name, lab] of Object.entries(drawn)) {
            const difference = deltaE2000(read.lab, lab);
            if (difference < distance) [nearest, distance] = [name, difference];
          }
          add(`${part} (${worn[part]}): ${nearest}`);
        }
      }
    }
  }
}
print();
