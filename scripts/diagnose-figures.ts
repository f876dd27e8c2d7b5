import { pathToFileURL } from 'node:url';
import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { nameColour } from '../src/bench/eval/measure/colour-vocabulary.js';
import type { Box } from '../src/bench/eval/measure/find-figures.js';
import { characterOfMention } from '../src/bench/eval/oracle.js';
import { describeAppearance } from '../src/engine/mini/appearance.js';
import { readRunFolder } from './read-run-folder.js';

/** Counts of where the pixel pipeline departs from the render record at the sampled frames of one run. */
export interface FigureDiagnosis {
  /** Drawn figures at the sampled frames. */
  drawn: number;
  /** Detected figures at the sampled frames. */
  detected: number;
  /** Drawn figures no detection covers (centre outside every box). */
  missed: number;
  /** Detections whose box holds the centres of two or more drawn figures. */
  merged: number;
  /** Detections that hold no drawn figure's centre. */
  spurious: number;
  /** Missed drawn figures that stood still (drawn box moved under 2 % of its height since the segment's previous or next sample). */
  missedStill: number;
  /** Missed drawn figures whose centre lies in a still blob the still-figure test left out (no face found). */
  missedRejected: number;
  /** Spurious detections that are still blobs (passed the still-figure test: a face was found). */
  spuriousStill: number;
  /** Still blobs left out by the still-figure test that hold no drawn figure's centre (rightly left out). */
  rejectedEmpty: number;
  /** Drawn figures that stood still. */
  drawnStill: number;
  /** Mean detected / drawn box height over one-to-one pairs (umbrellas and hats raise it). */
  heightRatio: number | undefined;
  /** Per slot: colour reads that name the drawn colour, out of those read. */
  colours: Record<string, { right: number; read: number }>;
  /** Pixel matches whose figure holds the centre of the drawn figure of the same character, out of matches. */
  matches: { right: number; total: number };
  /** The same for matches whose track margin is at least 0.05 (clear of the next character's fit). */
  confidentMatches: { right: number; total: number };
}

/**
 * Diagnoses a miniature-engine run folder: per sampled frame, the detected figures against the render record's
 * (boxes, named colours, character). For development only; the pixel metrics never read the render record.
 *
 * @example
 * npx tsx scripts/diagnose-figures.ts out/a   # prints the counts of each run folder
 */
export async function diagnoseFigures(dir: string): Promise<FigureDiagnosis> {
  const { annotations, timeline, video, records, scale } = await readRunFolder(dir);
  const diagnosis: FigureDiagnosis = {
    drawn: 0,
    detected: 0,
    missed: 0,
    merged: 0,
    spurious: 0,
    missedStill: 0,
    missedRejected: 0,
    spuriousStill: 0,
    rejectedEmpty: 0,
    drawnStill: 0,
    heightRatio: undefined,
    colours: {},
    matches: { right: 0, total: 0 },
    confidentMatches: { right: 0, total: 0 },
  };
  const ratios: number[] = [];
  const tally = (slot: string, right: boolean) => {
    const entry = diagnosis.colours[slot] ?? { right: 0, read: 0 };
    diagnosis.colours[slot] = entry;
    entry.read++;
    if (right) entry.right++;
  };
  for (const segment of analyseSegments(video.frames, timeline, annotations)) {
    const present = segment.present ?? [];
    for (const [sampleIndex, sample] of segment.samples.entries()) {
      const neighbours = [segment.samples[sampleIndex - 1], segment.samples[sampleIndex + 1]]
        .filter((item) => item !== undefined)
        .map((item) => records[item.index]?.figures ?? []);
      const drawn = (records[sample.index]?.figures ?? []).map((figure) => {
        const box = figure.box.map((value) => value * scale) as unknown as Box;
        const still = neighbours.some((others) =>
          others.some(
            (other) =>
              other.slot === figure.slot &&
              Math.abs(other.box[0] - figure.box[0]) < 0.02 * figure.box[3] &&
              Math.abs(other.box[1] - figure.box[1]) < 0.02 * figure.box[3],
          ),
        );
        return {
          center: [box[0] + box[2] / 2, box[1] + box[3] / 2] as const,
          box,
          still,
          key: characterOfMention(figure.mention, annotations, present),
          named: describeAppearance(figure.appearance),
        };
      });
      const boxes = sample.figures.map((figure) => figure.box);
      diagnosis.drawn += drawn.length;
      diagnosis.detected += boxes.length;
      const holds = (box: Box, point: readonly [number, number]) =>
        point[0] >= box[0] && point[0] < box[0] + box[2] && point[1] >= box[1] && point[1] < box[1] + box[3];
      const rejected = sample.detection.rejected.map((figure) => figure.box);
      for (const figure of drawn) {
        if (figure.still) diagnosis.drawnStill++;
        if (boxes.some((box) => holds(box, figure.center))) continue;
        diagnosis.missed++;
        if (figure.still) diagnosis.missedStill++;
        if (rejected.some((box) => holds(box, figure.center))) diagnosis.missedRejected++;
      }
      for (const box of rejected)
        if (!drawn.some((figure) => holds(box, figure.center))) diagnosis.rejectedEmpty++;
      for (const [index, box] of boxes.entries()) {
        const inside = drawn.filter((figure) => holds(box, figure.center));
        if (inside.length === 0) diagnosis.spurious++;
        if (inside.length === 0 && sample.detection.figures[index]!.still) diagnosis.spuriousStill++;
        if (inside.length > 1) diagnosis.merged++;
        if (inside.length !== 1) continue;
        const truth = inside[0]!;
        ratios.push(box[3] / truth.box[3]);
        const regions = sample.figures[index]!.regions;
        const hat = truth.named.items.hat;
        if (regions.hair !== undefined) {
          if (hat !== undefined) tally('hat', nameColour(regions.hair.lab, 'garment') === hat);
          else tally('hair', nameColour(regions.hair.lab, 'hair') === truth.named.hairColor);
        }
        if (hat !== undefined && regions.hair !== undefined)
          tally('hair band under a hat', nameColour(regions.hair.lab, 'hair') === truth.named.hairColor);
        if (truth.named.items.outerwear !== undefined && regions.torso !== undefined)
          tally('torso band under a coat', nameColour(regions.torso.lab, 'garment') === truth.named.top);
        if (truth.named.items.outerwear !== undefined && sample.figures[index]!.details.chest !== undefined)
          tally(
            'top under a coat',
            nameColour(sample.figures[index]!.details.chest.lab, 'garment') === truth.named.top,
          );
        const { flanks } = sample.figures[index]!.details;
        if (truth.named.items.outerwear !== undefined && flanks !== undefined)
          tally('coat at the flanks', nameColour(flanks.lab, 'garment') === truth.named.items.outerwear);
        if (truth.named.items.outerwear !== undefined && flanks !== undefined && regions.torso !== undefined)
          tally(
            'coat at torso or flanks',
            nameColour(flanks.lab, 'garment') === truth.named.items.outerwear ||
              nameColour(regions.torso.lab, 'garment') === truth.named.items.outerwear,
          );
        if (regions.torso !== undefined)
          tally(
            truth.named.items.outerwear ? 'outerwear' : 'top',
            nameColour(regions.torso.lab, 'garment') === (truth.named.items.outerwear ?? truth.named.top),
          );
        if (regions.legs !== undefined)
          tally('bottom', nameColour(regions.legs.lab, 'garment') === truth.named.bottom);
        const match = sample.matches.find((item) => item.figure === index);
        if (match !== undefined && truth.key !== undefined) {
          diagnosis.matches.total++;
          if (match.key === truth.key) diagnosis.matches.right++;
          if ((match.margin ?? 1) >= 0.05) {
            diagnosis.confidentMatches.total++;
            if (match.key === truth.key) diagnosis.confidentMatches.right++;
          }
        }
      }
    }
  }
  diagnosis.heightRatio = ratios.length === 0 ? undefined : ratios.reduce((a, b) => a + b, 0) / ratios.length;
  return diagnosis;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--sum`: only the summed counts of all folders (one line per folder with the main ones).
  const sum = process.argv.includes('--sum');
  const totals: Record<string, number> = {};
  const colours: Record<string, { right: number; read: number }> = {};
  for (const dir of process.argv.slice(2).filter((arg) => arg !== '--sum')) {
    const diagnosis = await diagnoseFigures(dir);
    if (!sum) console.log(dir, diagnosis);
    else
      console.log(
        dir,
        `drawn ${diagnosis.drawn} missed ${diagnosis.missed} (still ${diagnosis.missedStill}, rejected ${diagnosis.missedRejected})`,
        `merged ${diagnosis.merged} spurious ${diagnosis.spurious} (still ${diagnosis.spuriousStill})`,
        `matches ${diagnosis.matches.right}/${diagnosis.matches.total}`,
      );
    for (const [key, value] of Object.entries(diagnosis))
      if (typeof value === 'number') totals[key] = (totals[key] ?? 0) + value;
    for (const key of ['matches', 'confidentMatches'] as const) {
      totals[`${key}.right`] = (totals[`${key}.right`] ?? 0) + diagnosis[key].right;
      totals[`${key}.total`] = (totals[`${key}.total`] ?? 0) + diagnosis[key].total;
    }
    for (const [slot, { right, read }] of Object.entries(diagnosis.colours)) {
      const entry = colours[slot] ?? { right: 0, read: 0 };
      colours[slot] = { right: entry.right + right, read: entry.read + read };
    }
  }
  delete totals.heightRatio;
  console.log('total', totals, colours);
}
