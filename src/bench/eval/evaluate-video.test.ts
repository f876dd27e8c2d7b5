import { beforeAll, describe, expect, it } from 'vitest';
import { rgb } from '../../vision/__fixtures__/paint-scene.js';
import {
  annotations,
  brighten,
  correctScene,
  craftVideo,
  looks,
  mix,
  timeline,
} from './__fixtures__/craft-video.js';
import { analyseSegments } from './analyse-segments.js';
import { evaluateVideo } from './evaluate-video.js';
import type { EvaluationReport } from './evaluation-report.js';

const evaluate = (frames: ReturnType<typeof craftVideo>) =>
  evaluateVideo({ frames, fps: 16, timeline, annotations });

let correct: EvaluationReport;
beforeAll(async () => {
  correct = await evaluate(craftVideo());
});

describe('evaluateVideo on crafted videos', () => {
  it('scores the correct video high on every identity and quality metric', () => {
    for (const [name, value] of Object.entries(correct.metrics)) {
      // Figures and people change at every switch of this script, so the boundaries are real cuts.
      if (name !== 'boundarySmoothness') expect.soft(value, name).toBeGreaterThanOrEqual(90);
    }
    expect(correct.judge).toBe('pixel');
    expect(Object.keys(correct.metrics)).toHaveLength(11);
    expect(correct.total).toBeGreaterThan(80);
    expect(correct.warnings).toEqual([]);
  });

  it('gives the same report from a shared precomputed analysis', async () => {
    const frames = craftVideo();
    const analysis = analyseSegments(frames, timeline, annotations);
    const shared = await evaluateVideo({ frames, fps: 16, timeline, annotations, analysis });
    expect(shared).toEqual(correct);
  });

  it('drops identity swaps and long-range consistency when Ravi comes back in Nora’s clothes', async () => {
    const swapped = await evaluate(
      craftVideo((segment, local, t) => {
        const scene = correctScene(segment, local, t);
        if (segment === 3) scene.figures = scene.figures.map((figure) => ({ ...figure, ...looks.nora }));
        return scene;
      }),
    );
    // All 5 of Ravi's sampled frames in the last segment (of 25 matched pairs) are flagged.
    expect(swapped.metrics.identitySwaps!).toBeLessThanOrEqual(correct.metrics.identitySwaps! - 19);
    expect(swapped.metrics.longRangeConsistency!).toBeLessThan(correct.metrics.longRangeConsistency! - 20);
    expect(swapped.metrics.entityGrounding!).toBeLessThan(correct.metrics.entityGrounding! - 15);
  });

  it('drops duplication when a second Ravi shows up', async () => {
    const duplicated = await evaluate(
      craftVideo((segment, local, t) => {
        const scene = correctScene(segment, local, t);
        if (segment === 0 || segment === 3)
          scene.figures.push({ ...scene.figures[0]!, x: scene.figures[0]!.x + 48 });
        return scene;
      }),
    );
    expect(duplicated.metrics.duplication!).toBeLessThan(correct.metrics.duplication! - 20);
    expect(duplicated.metrics.judgeScore!).toBeLessThan(correct.metrics.judgeScore! - 5);
  });

  it('drops temporal flickering when the brightness jumps frame to frame', async () => {
    const flickering = await evaluate(
      craftVideo(correctScene, (frame, index) => brighten(frame, index % 2 === 0 ? 14 : -14)),
    );
    expect(flickering.metrics.temporalFlickering!).toBeLessThan(correct.metrics.temporalFlickering! - 30);
    expect(flickering.metrics.motionSmoothness!).toBeLessThan(correct.metrics.motionSmoothness! - 30);
  });

  it('drops subject and adjacent consistency when a look drifts', async () => {
    const drifting = await evaluate(
      craftVideo((segment, local, t) => {
        const scene = correctScene(segment, local, t);
        const drift = (segment + t) / 4;
        scene.figures = scene.figures.map((figure) => ({
          ...figure,
          top: mix(figure.top, rgb('purple'), drift),
          bottom: mix(figure.bottom, rgb('white'), drift),
        }));
        return scene;
      }),
    );
    expect(drifting.metrics.subjectConsistency!).toBeLessThan(correct.metrics.subjectConsistency! - 5);
    expect(drifting.metrics.longRangeConsistency!).toBeLessThan(correct.metrics.longRangeConsistency! - 15);
    expect(drifting.metrics.entityGrounding!).toBeLessThan(correct.metrics.entityGrounding! - 20);
  });

  it('drops background consistency when the setting changes mid-segment', async () => {
    const changing = await evaluate(
      craftVideo((segment, local, t) => ({
        ...correctScene(segment, local, t),
        backdrop: t >= 0.5 && segment === 1 ? 'night' : 'day',
      })),
    );
    expect(changing.metrics.backgroundConsistency!).toBeLessThan(correct.metrics.backgroundConsistency! - 10);
  });

  it('rates a continuous switch smoother than a hard cut to another setting', async () => {
    const continuous = (segment: number, local: number, _t: number) => {
      const global = (timeline.segments[segment]!.startFrame * 4 + local) / timeline.totalVideoFrames;
      return { figures: [{ ...looks.ravi, x: 10 + global * 108, y: 20, height: 64 }] };
    };
    const smooth = await evaluate(craftVideo(continuous));
    const cut = await evaluate(
      craftVideo((segment, local, t) => ({
        ...continuous(segment, local, t),
        backdrop: segment % 2 === 0 ? 'day' : 'night',
      })),
    );
    expect(smooth.metrics.boundarySmoothness!).toBeGreaterThan(80);
    expect(cut.metrics.boundarySmoothness!).toBeLessThan(smooth.metrics.boundarySmoothness! - 40);
  });

  it('without annotations gives only the pixel metrics and says so', async () => {
    const report = await evaluateVideo({ frames: craftVideo(), fps: 16, timeline });
    expect(Object.keys(report.metrics).sort()).toEqual([
      'backgroundConsistency',
      'boundarySmoothness',
      'motionSmoothness',
      'subjectConsistency',
      'temporalFlickering',
    ]);
    expect(report.dimensions.instruction).toBe(0);
    expect(report.total).toBeCloseTo((report.dimensions.quality + report.dimensions.temporal) / 2, 1);
    expect(report.warnings.join(' ')).toMatch(/no annotations/);
  });
});
