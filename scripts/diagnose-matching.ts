import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { ownersAt, readRunFolder, tally } from './read-run-folder.js';

/**
 * What the pixel matching (tracks to characters by look) gets wrong against the render record's bound mentions,
 * per (sampled frame, character on screen), split by one or several characters on screen: matched right, matched
 * a spurious blob, a merged blob or another figure, or unmatched (its figure found alone, or not). A detection
 * "holds" a drawn figure when the figure's centre lies in its box. For development only.
 *
 *   npx tsx scripts/diagnose-matching.ts RUN_DIR...
 */
const { add, print } = tally();
for (const dir of process.argv.slice(2)) {
  const { annotations, timeline, video, records, scale } = await readRunFolder(dir);
  for (const segment of analyseSegments(video.frames, timeline, annotations)) {
    const present = segment.present ?? [];
    if (present.length === 0) continue;
    const on = present.length === 1 ? '1 character' : '2+ characters';
    for (const sample of segment.samples) {
      const { drawn, keyOf, owners } = ownersAt(sample, records, scale, annotations, present);
      for (const key of present) {
        const match = sample.matches.find((item) => item.key === key);
        const alone = owners.some((keys) => keys.length === 1 && keys[0] === key);
        if (match === undefined) {
          const why = !drawn.some((figure) => keyOf(figure) === key)
            ? 'not drawn (or unmapped)'
            : alone
              ? 'its figure found alone'
              : 'drawn, not found alone';
          add(`${on}, unmatched: ${why}`);
          continue;
        }
        const keys = owners[match.figure]!;
        const own = alone ? ', own figure found' : '';
        if (keys.length === 0) add(`${on}, matched: a spurious blob${own}`);
        else if (keys.length > 1)
          add(`${on}, matched: a merged blob${keys.includes(key) ? ' with its own' : ''}`);
        else if (keys[0] === key) add(`${on}, matched: right`);
        else
          add(
            `${on}, matched: ${keys[0] === undefined ? 'an unmapped figure' : "another character's figure"}${own}`,
          );
      }
    }
  }
}
print();
