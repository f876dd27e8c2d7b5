import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { nameColour } from '../src/bench/eval/measure/colour-vocabulary.js';
import { drawnReading } from '../src/bench/eval/oracle.js';
import { readRunFolder } from './read-run-folder.js';

/** Prints what was drawn and what was read at one sampled frame. For development only. */
const [dir, frameText] = process.argv.slice(2);
const frame = Number(frameText);
const { annotations, timeline, video, records, scale } = await readRunFolder(dir!);
const name = (reading: ReturnType<typeof drawnReading>) =>
  Object.entries(reading.regions)
    .map(
      ([part, colour]) =>
        `${part}=${colour ? nameColour(colour.lab, part === 'hair' ? 'hair' : 'garment') : '-'}`,
    )
    .concat(
      Object.entries(reading.details).map(
        ([part, colour]) =>
          `${part}=${colour ? nameColour(colour.lab, part === 'hair' ? 'hair' : 'garment') : '-'}`,
      ),
    )
    .join(' ');
for (const figure of records[frame]?.figures ?? [])
  console.log(
    'drawn',
    figure.mention,
    figure.box.map((v) => Math.round(v * scale)),
    name(drawnReading(figure.appearance)),
  );
for (const segment of analyseSegments(video.frames, timeline, annotations))
  for (const sample of segment.samples)
    if (sample.index === frame) {
      for (const [i, reading] of sample.figures.entries())
        console.log(
          'read',
          i,
          reading.box,
          name(reading),
          sample.matches
            .filter((m) => m.figure === i)
            .map((m) => `${m.key} fit ${m.fit.toFixed(2)} margin ${m.margin.toFixed(2)}`),
        );
    }
