import { pathToFileURL } from 'node:url';
import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { attributeEvidence } from '../src/bench/eval/measure/attribute-evidence.js';
import { nameColour } from '../src/bench/eval/measure/colour-vocabulary.js';
import { attributesAt } from '../src/bench/eval/measure/expected-attributes.js';
import type { Box } from '../src/bench/eval/measure/find-figures.js';
import { characterOfMention } from '../src/bench/eval/oracle.js';
import { describeAppearance } from '../src/engine/mini/appearance.js';
import { readRunFolder } from './read-run-folder.js';

/**
 * Where pixel grounding loses against the oracle's, per (sampled frame, character on screen): the pixel matched
 * no figure though the engine drew one (and why: missed, merged, matched elsewhere), matched the wrong figure, or
 * read an attribute the oracle finds drawn as not shown (per place). For development only.
 *
 * @example
 * npx tsx scripts/diagnose-grounding.ts /tmp/agree-tune6/runs/*\/*
 */
export async function diagnoseGrounding(dir: string): Promise<Record<string, number>> {
  const { annotations, timeline, video, records, scale } = await readRunFolder(dir);
  const counts: Record<string, number> = {};
  const add = (key: string, value = 1) => {
    counts[key] = (counts[key] ?? 0) + value;
  };
  const holds = (box: Box, point: readonly [number, number]) =>
    point[0] >= box[0] && point[0] < box[0] + box[2] && point[1] >= box[1] && point[1] < box[1] + box[3];
  for (const segment of analyseSegments(video.frames, timeline, annotations)) {
    const present = segment.present ?? [];
    for (const sample of segment.samples) {
      const drawn = (records[sample.index]?.figures ?? []).map((figure) => {
        const box = figure.box.map((value) => value * scale) as unknown as Box;
        return {
          center: [box[0] + box[2] / 2, box[1] + box[3] / 2] as const,
          key: characterOfMention(figure.mention, annotations, present),
          named: describeAppearance(figure.appearance),
        };
      });
      for (const key of present) {
        add('pairs');
        const truth = drawn.find((figure) => figure.key === key);
        const match = sample.matches.find((item) => item.key === key);
        if (truth === undefined) {
          add(match === undefined ? 'not drawn, no match' : 'not drawn, matched');
          continue;
        }
        if (match === undefined) {
          const boxes = sample.figures.map((figure) => figure.box);
          const holder = boxes.findIndex((box) => holds(box, truth.center));
          if (holder < 0) add('drawn, no match: missed');
          else if (drawn.filter((figure) => holds(boxes[holder]!, figure.center)).length > 1)
            add('drawn, no match: merged');
          else add('drawn, no match: its figure matched to another or left');
          continue;
        }
        const right = holds(sample.figures[match.figure]!.box, truth.center);
        add(right ? 'matched right' : 'matched wrong figure');
        const expected = attributesAt(annotations.characters[key]!, segment.span.segment.index);
        for (const check of attributeEvidence(sample.figures[match.figure]!, expected)) {
          const place = check.attribute.place;
          const term = nameColour(check.attribute.colour!.lab, place === 'hair' ? 'hair' : 'garment');
          const named = truth.named;
          const oracle =
            place === 'hair'
              ? named.hairColor === term
              : place === 'top' || place === 'outfit'
                ? named.top === term
                : place === 'bottom'
                  ? named.bottom === term
                  : place === 'headwear'
                    ? named.items.hat === term
                    : (named.items as Record<string, string | undefined>)[place] === term;
          const tag = `${right ? 'right' : 'wrong'} ${place} oracle ${oracle ? 'yes' : 'no'} pixel ${check.shown ? 'yes' : 'no'}`;
          add(tag);
        }
      }
    }
  }
  return counts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const totals: Record<string, number> = {};
  for (const dir of process.argv.slice(2)) {
    const counts = await diagnoseGrounding(dir);
    for (const [key, value] of Object.entries(counts)) totals[key] = (totals[key] ?? 0) + value;
  }
  for (const key of Object.keys(totals).sort()) console.log(`${key}\t${totals[key]}`);
}
