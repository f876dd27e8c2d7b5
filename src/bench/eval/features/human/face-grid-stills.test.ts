import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../../script/timeline.js';
import { faceGridCells, faceGridFrame } from './__fixtures__/face-grid-stills.js';
import { humanFeatureMetrics } from './human-feature-metrics.js';

const { manA, manB, manC, blondeWoman, darkHairedWoman } = faceGridCells;
const timeline = buildTimeline({ prompts: ['1', '2', '3', '4'], seconds: [1.5, 1.5, 1.5, 1.5], fps: 16 });
const characters = { mark: { aliases: ['Mark'], attrs: [] }, ella: { aliases: ['Ella'], attrs: [] } };

/** A video of four still shots, one per segment (each frame of a segment is the same still). */
async function stills(shots: ReadonlyArray<ReadonlyArray<readonly [number, number]>>) {
  const frames = await Promise.all(shots.map((cells) => faceGridFrame(cells)));
  const perSegment = timeline.totalVideoFrames / shots.length;
  return frames.flatMap((frame) => Array.from({ length: perSegment }, () => frame));
}

// Stills with real faces from the package's own demo screenshot (faces cut from group photos): always there.
describe('human features on stills of real people', () => {
  it('scores one man across different photos high and a different person in his place low', async () => {
    const present = [['mark'], ['mark'], ['ella'], ['mark']];
    const annotations = { characters, present };
    const same = await humanFeatureMetrics({
      frames: await stills([[manA], [manB], [blondeWoman], [manC]]),
      timeline,
      annotations,
      framesPerSegment: 1,
    });
    const other = await humanFeatureMetrics({
      frames: await stills([[manA], [darkHairedWoman], [blondeWoman], [manC]]),
      timeline,
      annotations,
      framesPerSegment: 1,
    });
    expect(same.details.framesAnalysed).toBe(4);
    expect(same.metrics.adjacentConsistency).toBeGreaterThan(75);
    expect(same.metrics.longRangeConsistency).toBeGreaterThan(70);
    expect(other.metrics.adjacentConsistency).toBeLessThan(same.metrics.adjacentConsistency! - 25);
    expect(other.metrics.longRangeConsistency).toBeLessThan(same.metrics.longRangeConsistency! - 10);
    expect(same.details.identities).toBe(2);
    expect(other.details.identities).toBe(3);
  }, 120_000);

  it('counts two people in a one-person shot as duplication and names both in a two-person shot', async () => {
    const frames = await stills([[manA], [blondeWoman], [manB, blondeWoman], [manC, blondeWoman]]);
    const result = await humanFeatureMetrics({
      frames,
      timeline,
      annotations: { characters, present: [['mark'], ['ella'], ['mark', 'ella'], ['mark']] },
      framesPerSegment: 1,
    });
    // Segment 3 holds two people where one is annotated: 1/2 there, 1 elsewhere.
    expect(result.metrics.duplication).toBeCloseTo(87.5, 5);
    // Mark is named in segments 0, 2 and 3 (in the shared shot by his reference face): segments 2-3 compare his
    // two smaller faces (about 74 when run); naming Ella's face in segment 2 instead would give about 49.
    expect(result.metrics.adjacentConsistency).toBeGreaterThan(65);
    expect(result.metrics.identitySwaps).toBe(100);
  }, 120_000);
});
