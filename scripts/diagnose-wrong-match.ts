import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { attributeEvidence, attributeFit } from '../src/bench/eval/measure/attribute-evidence.js';
import { attributesAt } from '../src/bench/eval/measure/expected-attributes.js';
import { ownersAt, readRunFolder, tally } from './read-run-folder.js';

/**
 * For frames with two or more characters where the look matching gives a character another one's figure while its
 * own was found alone: the attribute fit of each figure to the character, and why. For development only.
 */
const { add, print } = tally();
const verbose = process.env.VERBOSE === '1';
for (const dir of process.argv.slice(2)) {
  const { annotations, timeline, video, records, scale } = await readRunFolder(dir);
  for (const segment of analyseSegments(video.frames, timeline, annotations)) {
    const present = segment.present ?? [];
    if (present.length < 2) continue;
    for (const sample of segment.samples) {
      const { drawn, keyOf, owners } = ownersAt(sample, records, scale, annotations, present);
      for (const key of present) {
        const match = sample.matches.find((item) => item.key === key);
        if (match === undefined) continue;
        const own = owners.findIndex((keys) => keys.length === 1 && keys[0] === key);
        const keys = owners[match.figure]!;
        if (own < 0 || keys.length !== 1 || keys[0] === key || keys[0] === undefined) continue;
        const attributes = attributesAt(annotations.characters[key]!, segment.span.segment.index);
        const other = attributesAt(annotations.characters[keys[0]]!, segment.span.segment.index);
        const fOwn = attributeFit(sample.figures[own]!, attributes);
        const fChosen = attributeFit(sample.figures[match.figure]!, attributes);
        const same =
          JSON.stringify(attributes.map((a) => `${a.place}:${a.colour}`).sort()) ===
          JSON.stringify(other.map((a) => `${a.place}:${a.colour}`).sort());
        const cmp =
          fOwn === undefined || fChosen === undefined
            ? 'undefined fit'
            : fOwn > fChosen + 0.01
              ? 'own fits better (track/assignment)'
              : fOwn < fChosen - 0.01
                ? 'chosen fits better'
                : 'tie';
        add(`${same ? 'same expected look' : 'different look'}: ${cmp}`);
        if (verbose && !same && cmp === 'chosen fits better') {
          const ev = (i: number) =>
            attributeEvidence(sample.figures[i]!, attributes)
              .map((c) => `${c.attribute.place}:${c.attribute.colour}=${c.fit.toFixed(2)}`)
              .join(' ');
          const dr = (k: string) => drawn.find((f) => keyOf(f) === k);
          console.log(
            dir.split('/').slice(-2).join('/'),
            sample.index,
            key,
            '| own',
            fOwn?.toFixed(2),
            ev(own),
            '| chosen',
            fChosen?.toFixed(2),
            ev(match.figure),
            '| drawn own mention',
            dr(key)?.mention,
            '| other',
            dr(keys[0])?.mention,
          );
        }
      }
    }
  }
}
print();
