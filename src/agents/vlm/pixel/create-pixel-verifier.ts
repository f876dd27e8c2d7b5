import type { VideoFrame } from '../../../frame/video-frame.js';
import { type DetectOptions, estimateSceneBackground } from '../../../vision/index.js';
import type { FrameVerifierV1, VerifyBox, VerifyInput, VerifyResult } from '../frame-verifier.js';
import { resizeFrame } from '../sample-frames.js';
import { restorePixelState, snapshotPixelState } from './pixel-state.js';
import { proposeCorrections } from './propose-corrections.js';
import { type EntityReading, type FrameReading, readFrame } from './read-frame.js';

/** Settings of the pixel verifier. */
export interface PixelVerifierSettings {
  /** Model identifier recorded in run.json. Default `pixel-v1`. */
  modelId?: string;
  /** Recent sampled frames whose median is the background estimate. Default 12 (four chunks). */
  historyFrames?: number;
  /** Mean absolute channel difference to the previous frame above which a segment start counts as a cut. Default 40. */
  cutDifference?: number;
  /** Calls between background re-estimates (also re-estimated after a cut). Default 4. */
  backgroundRefresh?: number;
  /** Figure detection tuning. */
  detect?: DetectOptions;
}

/**
 * The embedded verifier: real computer vision on the RGB frames. It estimates the background as the median of
 * recent sampled frames, detects figures, reads hair and clothing colours as named colours and matches them to
 * the entities' registered attributes. It reads pixels only. Stateful: it keeps the recent frames.
 *
 * @example
 * const verifier = createPixelVerifier();
 * const { scores } = await verifier.verify({ frames, entities: [{ id: 1, name: 'Nora', attrs: ['red coat'] }], firstChunkOfSegment: true });
 */
export function createPixelVerifier(settings: PixelVerifierSettings = {}): FrameVerifierV1 {
  const historyFrames = settings.historyFrames ?? 12;
  const cutDifference = settings.cutDifference ?? 40;
  const refreshEvery = settings.backgroundRefresh ?? 4;
  let history: VideoFrame[] = [];
  let background: VideoFrame | undefined;
  let calls = 0;

  return {
    specificationVersion: 'v1',
    provider: 'pixel',
    modelId: settings.modelId ?? 'pixel-v1',
    async verify(request): Promise<VerifyResult> {
      const input = { ...request, frames: restoreAspect(request) };
      const first = input.frames[0];
      if (!first) return { scores: [] };
      const sameSize = history.every((frame) => frame.width === first.width && frame.height === first.height);
      if (
        !sameSize ||
        (input.firstChunkOfSegment && history.length > 0 && isCut(history, first, cutDifference))
      ) {
        history = [];
        background = undefined;
      }
      history = [...history, ...input.frames].slice(-historyFrames);
      // Nobody expected (a segment without people): nothing to find or check, so neither plate nor detection.
      if (input.entities.length === 0) {
        background = undefined;
        return { scores: input.frames.map(() => 0.5), seen: input.frames.map(() => []) };
      }
      // The clean plate costs more than generating a chunk: refresh it every few calls and after a reset.
      if (!background || history.length < historyFrames || calls % refreshEvery === 0) {
        background = estimateSceneBackground(history);
      }
      calls += 1;
      const plate = background;
      const readings = input.frames.map((frame) => readFrame(frame, plate, input.entities, settings.detect));
      const result: VerifyResult = {
        scores: readings.map(scoreReading),
        seen: readings.map((reading) => reading.entities.filter(isSeen).map((entity) => entity.id)),
        boxes: readings.map((reading, index) => seenBoxes(reading, input.frames[index]!)),
      };
      if (input.firstChunkOfSegment) {
        const corrections = proposeCorrections(readings);
        if (corrections.length > 0) result.corrections = corrections;
      }
      return result;
    },
    snapshot: () => snapshotPixelState({ history, background, calls }),
    // history and background are replaced on every call, never changed in place: holding them is enough
    hold() {
      const held = { history, background, calls };
      return () => snapshotPixelState(held);
    },
    restore(state) {
      ({ history, background, calls } = restorePixelState(state));
    },
  };
}

/**
 * Squeezed frames stretched back to their source proportions (same width): figure detection tests shapes, which
 * a square squeeze distorts.
 */
export function restoreAspect(input: VerifyInput): VideoFrame[] {
  const aspect = input.sourceAspect;
  if (aspect === undefined || !(aspect > 0)) return input.frames;
  return input.frames.map((frame) => {
    const height = Math.max(1, Math.round(frame.width / aspect));
    return Math.abs(height - frame.height) <= 1 ? frame : resizeFrame(frame, frame.width, height);
  });
}

/** Mean look fit over the expected entities (0 for an entity without a figure); 0.5 when none is expected. */
function scoreReading(reading: FrameReading): number {
  if (reading.entities.length === 0) return 0.5;
  return reading.entities.reduce((sum, entity) => sum + entity.fit, 0) / reading.entities.length;
}

/** Seen: a figure was assigned and, when anything is checkable, at least one attribute matched there. */
export function isSeen(entity: EntityReading): boolean {
  if (!entity.figure) return false;
  return entity.checks.length === 0 || entity.checks.some((check) => check.matched);
}

/** The boxes of the entities seen in a frame, as fractions of the frame. */
function seenBoxes(reading: FrameReading, frame: VideoFrame): VerifyBox[] {
  return reading.entities.filter(isSeen).map((entity) => {
    const [left, top, width, height] = entity.figure!.box;
    const fraction = (value: number, size: number) => Math.round((value / size) * 10000) / 10000;
    return {
      id: entity.id,
      box: [
        fraction(left, frame.width),
        fraction(top, frame.height),
        fraction(width, frame.width),
        fraction(height, frame.height),
      ],
    };
  });
}

function isCut(history: readonly VideoFrame[], frame: VideoFrame, threshold: number): boolean {
  const previous = history.at(-1)!;
  let total = 0;
  // Every 7th byte is plenty to tell a new setting from the same one.
  let count = 0;
  for (let offset = 0; offset < frame.data.length; offset += 7) {
    total += Math.abs(frame.data[offset]! - previous.data[offset]!);
    count += 1;
  }
  return total / Math.max(1, count) > threshold;
}
