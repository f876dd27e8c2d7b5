/**
 * Development only: where the pixel identity metrics lose their agreement with the oracle. For each kept run folder
 * the pixel analysis is repeated with one stage after another replaced by the render record's truth, and the
 * pooled Spearman rho against the oracle is printed per stage:
 *
 * 1. pixel          the evaluator as it is (on the decoded video)
 * matching only    the pixel readings, matched by the drawn figure's bound mention
 * m: PART         matching only, with one part (and its details) read right: the reading error of that part
 * 2. + reading      each detection that holds exactly one drawn figure reads that figure's drawn colours
 * 3. + matching     ... and is matched to the drawn figure's character (its bound mention), not by look
 * r: ...          stage 2 with one kind of detection error undone, still matched by look: detections holding
 *                   several drawn figures left out (no merged), holding none left out (no spurious), drawn
 *                   figures no detection holds added with their drawn colours (missed added), all three
 * 4. drawn, by look the drawn figures themselves with their drawn colours, matched by look as the evaluator
 *                   matches: the most any matcher that reads only the look can reach
 * 5. + detection    the drawn figures, drawn colours, matched by mention: what is left is the difference
 *                   between the pixel metric's formulas and the oracle's
 *
 *   npx tsx scripts/agreement-ceiling.ts RUN_DIR... [--json FILE] [--against STAGE]
 *   npx tsx scripts/agreement-ceiling.ts --from-json FILE [--against STAGE]
 *
 * `--json` keeps every run's metrics per stage; `--from-json` prints the table from such a file without measuring
 * again; `--against STAGE` ranks every stage against that stage instead of the oracle (`--against "drawn, by
 * look"`: the pixels against a reference bound by look, the render record's figures matched as the evaluator
 * matches).
 *
 * The render record is read here only to measure the instrument; the evaluator never reads it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { analyseSegments, type SegmentAnalysis } from '../src/bench/eval/analyse-segments.js';
import {
  conditionalConsistency,
  duplication,
  entityGrounding,
  identitySwaps,
} from '../src/bench/eval/identity-metrics.js';
import { attributesAt } from '../src/bench/eval/measure/expected-attributes.js';
import type { Box } from '../src/bench/eval/measure/figure-mask.js';
import {
  type CharacterMatch,
  linkSightings,
  matchCharacters,
} from '../src/bench/eval/measure/link-figures.js';
import type { BodyPart, DetailPart, FigureReading } from '../src/bench/eval/measure/read-figure.js';
import { characterOfMention, drawnReading, evaluateRenderRecord } from '../src/bench/eval/oracle.js';
import { identityMetricNames } from '../src/bench/eval/oracle-agreement.js';
import { spearman } from '../src/bench/eval/rank-correlation.js';
import type { RenderedFigure } from '../src/engine/engine.js';
import type { ScriptAnnotations } from '../src/script/script.js';
import { holdsFigure, readRunFolder } from './read-run-folder.js';

const stages = [
  'pixel',
  'matching only',
  'm: hair',
  'm: face',
  'm: neck',
  'm: torso',
  'm: legs',
  '+ reading',
  '+ matching',
  'r: no merged',
  'r: no spurious',
  'r: missed added',
  'r: all three',
  'drawn, by look',
  '+ detection',
] as const;
type Metrics = Partial<Record<(typeof identityMetricNames)[number], number | undefined>>;

function metricsOf(segments: SegmentAnalysis[], annotations: ScriptAnnotations): Metrics {
  const consistency = conditionalConsistency(segments, annotations);
  return {
    adjacentConsistency: consistency.adjacent,
    longRangeConsistency: consistency.longRange,
    duplication: duplication(segments),
    identitySwaps: identitySwaps(segments, annotations),
    entityGrounding: entityGrounding(segments, annotations),
  };
}

function matchByLook(segment: SegmentAnalysis, annotations: ScriptAnnotations): void {
  for (const sample of segment.samples) sample.matches = [];
  if (segment.present === undefined || segment.present.length === 0) return;
  const characters = segment.present.map((key) => ({
    key,
    attributes: attributesAt(annotations.characters[key]!, segment.span.segment.index),
  }));
  const readings = segment.samples.map((sample) => sample.figures);
  for (const { sample, match } of matchCharacters(linkSightings(readings), readings, characters))
    segment.samples[sample]!.matches.push(match);
}

/** Matches by the drawn figure's bound mention: the first figure of each character on screen. */
function matchByMention(
  keys: ReadonlyArray<string | undefined>,
  present: readonly string[],
): CharacterMatch[] {
  const matches: CharacterMatch[] = [];
  for (const [figure, key] of keys.entries()) {
    if (key === undefined || !present.includes(key) || matches.some((match) => match.key === key)) continue;
    matches.push({ key, figure, fit: 1, margin: 1 });
  }
  return matches;
}

const args = process.argv.slice(2);
const flagValue = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const flagValues = new Set(['--json', '--from-json', '--against'].map(flagValue));
const dirs = args.filter((arg) => !arg.startsWith('--') && !flagValues.has(arg));
const against = flagValue('--against') ?? 'oracle';
if (against !== 'oracle' && !(stages as readonly string[]).includes(against)) {
  console.error(`--against: "${against}" is no stage; use one of: oracle, ${stages.join(', ')}`);
  process.exit(2);
}
const fromJson = flagValue('--from-json');
type Row = { run: string; oracle: Metrics } & Record<(typeof stages)[number], Metrics>;
const rows: Row[] = fromJson === undefined ? [] : JSON.parse(readFileSync(fromJson, 'utf8'));
for (const [done, dir] of dirs.entries()) {
  const { annotations, timeline, video, records, scale } = await readRunFolder(dir);
  const segments = analyseSegments(video.frames, timeline, annotations);
  const pixel = metricsOf(segments, annotations);
  // The drawn figures a detection holds; the one it holds alone is what stages 2 and 3 replace.
  const ownersOf = (box: Box, index: number) =>
    (records[index]?.figures ?? []).filter((figure) => holdsFigure(box, figure, scale));
  const ownerOf = (box: Box, index: number) => {
    const inside = ownersOf(box, index);
    return inside.length === 1 ? inside[0] : undefined;
  };
  // A drawn figure read with its drawn colours, at the video's size.
  const drawnAt = (figure: RenderedFigure) =>
    drawnReading(figure.appearance, figure.box.map((value) => value * scale) as unknown as Box);
  // The metrics with each sample's readings replaced (and matched by look again, or keeping the matches they
  // had), then the readings put back.
  const measureWith = (
    replace: (figures: FigureReading[], index: number) => FigureReading[],
    byLook: boolean,
  ) => {
    const kept = segments.map((segment) => segment.samples.map((sample) => sample.figures));
    for (const segment of segments) {
      for (const sample of segment.samples) sample.figures = replace(sample.figures, sample.index);
      if (byLook) matchByLook(segment, annotations);
    }
    const metrics = metricsOf(segments, annotations);
    for (const [s, segment] of segments.entries())
      for (const [i, sample] of segment.samples.entries()) sample.figures = kept[s]![i]!;
    return metrics;
  };
  // Matches by mention of those detections (their boxes stay as they are through stage 2).
  const byMention = segments.map((segment) =>
    segment.samples.map((sample) =>
      matchByMention(
        sample.figures.map((figure) => {
          const drawn = ownerOf(figure.box, sample.index);
          return drawn && characterOfMention(drawn.mention, annotations, segment.present ?? []);
        }),
        segment.present ?? [],
      ),
    ),
  );
  const matchByMentionAll = () => {
    for (const [s, segment] of segments.entries())
      for (const [i, sample] of segment.samples.entries()) sample.matches = byMention[s]![i]!;
  };
  // Matching alone: the pixel readings, matched by mention.
  matchByMentionAll();
  const matchingOnly = metricsOf(segments, annotations);
  // Matching alone with one part read right (its drawn colour, and the details that lie in it).
  const detailsIn: Partial<Record<BodyPart, readonly DetailPart[]>> = {
    torso: ['chest', 'flanks'],
    hair: ['crown'],
  };
  const partStage = (part: BodyPart) =>
    measureWith(
      (figures, index) =>
        figures.map((reading) => {
          const drawn = ownerOf(reading.box, index);
          if (drawn === undefined) return reading;
          const truth = drawnReading(drawn.appearance, reading.box);
          const regions = { ...reading.regions };
          if (truth.regions[part] === undefined || regions[part] === undefined) delete regions[part];
          else regions[part] = truth.regions[part];
          const details = { ...reading.details };
          for (const detail of detailsIn[part] ?? []) {
            if (truth.details[detail] === undefined) delete details[detail];
            else details[detail] = truth.details[detail];
          }
          return { ...reading, regions, details };
        }),
      false,
    );
  const partStages = {
    'm: hair': partStage('hair'),
    'm: face': partStage('face'),
    'm: neck': partStage('neck'),
    'm: torso': partStage('torso'),
    'm: legs': partStage('legs'),
  };
  // Stage 2: drawn colours for the detections that hold one drawn figure, matched by look again.
  for (const segment of segments) {
    for (const sample of segment.samples) {
      sample.figures = sample.figures.map((reading) => {
        const drawn = ownerOf(reading.box, sample.index);
        return drawn === undefined ? reading : drawnReading(drawn.appearance, reading.box);
      });
    }
    matchByLook(segment, annotations);
  }
  const reading = metricsOf(segments, annotations);
  // Stage 2 with one kind of detection error undone at a time, matched by look.
  const undone = (merged: boolean, spurious: boolean, missed: boolean) =>
    measureWith((figures, index) => {
      const kept = figures.filter((figure) => {
        const owners = ownersOf(figure.box, index).length;
        return !(merged && owners > 1) && !(spurious && owners === 0);
      });
      if (missed)
        for (const figure of records[index]?.figures ?? [])
          if (!figures.some((reading) => holdsFigure(reading.box, figure, scale))) kept.push(drawnAt(figure));
      return kept;
    }, true);
  const detectionStages = {
    'r: no merged': undone(true, false, false),
    'r: no spurious': undone(false, true, false),
    'r: missed added': undone(false, false, true),
    'r: all three': undone(true, true, true),
  };
  // Stage 3: those detections matched by mention.
  matchByMentionAll();
  const matching = metricsOf(segments, annotations);
  // Stage 4: the drawn figures, matched by look.
  for (const segment of segments) {
    for (const sample of segment.samples) {
      sample.figures = (records[sample.index]?.figures ?? []).map(drawnAt);
    }
    matchByLook(segment, annotations);
  }
  const drawnByLook = metricsOf(segments, annotations);
  // Stage 5: the drawn figures, matched by mention.
  for (const segment of segments) {
    for (const sample of segment.samples) {
      const drawn = records[sample.index]?.figures ?? [];
      sample.matches = matchByMention(
        drawn.map((figure) => characterOfMention(figure.mention, annotations, segment.present ?? [])),
        segment.present ?? [],
      );
    }
  }
  rows.push({
    run: dir,
    pixel,
    'matching only': matchingOnly,
    ...partStages,
    '+ reading': reading,
    '+ matching': matching,
    ...detectionStages,
    'drawn, by look': drawnByLook,
    '+ detection': metricsOf(segments, annotations),
    oracle: evaluateRenderRecord(records, timeline, annotations).metrics,
  });
  if ((done + 1) % 20 === 0) console.error(`${done + 1}/${dirs.length}`);
}
const jsonOut = flagValue('--json');
if (jsonOut !== undefined) writeFileSync(jsonOut, JSON.stringify(rows));
const reference = against as keyof Row & ('oracle' | (typeof stages)[number]);
console.log(
  `pooled Spearman rho against ${reference === 'oracle' ? 'the oracle' : `"${reference}"`}, ${rows.length} runs (runs with both values in brackets)`,
);
console.log(['metric'.padEnd(22), ...stages.map((stage) => stage.padStart(16))].join(''));
for (const name of identityMetricNames) {
  const cells = stages.map((stage) => {
    const both = rows.filter((row) => row[stage][name] !== undefined && row[reference][name] !== undefined);
    const rho = spearman(
      both.map((row) => row[stage][name]!),
      both.map((row) => row[reference][name]!),
    );
    return `${rho === undefined ? '-' : rho.toFixed(2)} (${both.length})`.padStart(16);
  });
  console.log([name.padEnd(22), ...cells].join(''));
}
