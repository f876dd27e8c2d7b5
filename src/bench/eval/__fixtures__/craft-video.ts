import type { VideoFrame } from '../../../frame/video-frame.js';
import type { ScriptAnnotations } from '../../../script/script.js';
import { buildTimeline, type Timeline } from '../../../script/timeline.js';
import { type PaintedFigure, paintBackground, paintFigures, rgb } from '../../../vision/__fixtures__/paint-scene.js';
import { hairColorNames, type Rgb } from '../../../frame/color-names.js';

/** Looks of the crafted cast. */
export const looks = {
  ravi: { hair: hairColorNames.black, top: rgb('yellow'), bottom: rgb('navy') },
  nora: { hair: hairColorNames.red, top: rgb('green'), bottom: rgb('brown') },
} satisfies Record<string, Pick<PaintedFigure, 'hair' | 'top' | 'bottom'>>;

/** Ground truth of the crafted script: Ravi alone, Nora alone, both, Ravi alone again. */
export const annotations: ScriptAnnotations = {
  characters: {
    ravi: { aliases: ['Ravi', 'the tall man'], attrs: ['black hair', 'yellow raincoat', 'navy trousers'] },
    nora: { aliases: ['Nora', 'the young woman'], attrs: ['red hair', 'green sweater', 'brown skirt'] },
  },
  present: [['ravi'], ['nora'], ['ravi', 'nora'], ['ravi']],
};

/** Four prompts of 2.5 s at 16 fps (10 latent frames each before snapping). */
export const timeline: Timeline = buildTimeline({
  prompts: ['Ravi walks.', 'Nora walks.', 'Ravi and Nora walk.', 'Ravi walks on.'],
  seconds: [2.5, 2.5, 2.5, 2.5],
  fps: 16,
});

/** What a frame shows, given its segment, its index inside the segment and its position 0..1 there. */
export type SceneAt = (segment: number, local: number, t: number) => { backdrop?: 'day' | 'night'; figures: PaintedFigure[] };

const backdrops: Record<'day' | 'night', VideoFrame> = {
  day: paintBackground(128, 96, [150, 190, 220], [110, 140, 90]),
  night: paintBackground(128, 96, [30, 40, 90], [60, 50, 40]),
};

/** The figures of the correct video: each present character walks right at 2.5 px per frame. */
export function correctScene(segment: number, _local: number, t: number): ReturnType<SceneAt> {
  const keys = annotations.present[segment]! as Array<keyof typeof looks>;
  return {
    figures: keys.map((key, slot) => ({ ...looks[key], x: 14 + slot * 40 + t * 70, y: 20, height: 64 })),
  };
}

/** Renders every frame of the crafted timeline; `post` may alter a frame (flicker, noise). */
export function craftVideo(scene: SceneAt = correctScene, post?: (frame: VideoFrame, index: number) => VideoFrame): VideoFrame[] {
  const frames: VideoFrame[] = [];
  for (const segment of timeline.segments) {
    const start = segment.startFrame * timeline.videoFramesPerLatent;
    const end = segment.endFrame * timeline.videoFramesPerLatent;
    for (let index = start; index < end; index++) {
      const { backdrop = 'day', figures } = scene(segment.index, index - start, (index - start) / (end - start));
      const frame = paintFigures(backdrops[backdrop], figures);
      frames.push(post ? post(frame, index) : frame);
    }
  }
  return frames;
}

/** Shifts every channel of a frame by `amount` (a global brightness change). */
export function brighten(frame: VideoFrame, amount: number): VideoFrame {
  return { ...frame, data: frame.data.map((value) => Math.max(0, Math.min(255, value + amount))) };
}

/** Linear blend between two colours. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t].map(Math.round) as unknown as Rgb;
}
