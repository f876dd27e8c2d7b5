import type { VideoFrame } from '../../../../frame/video-frame.js';
import { type HumanBox, type HumanInstance, humanModels } from './load-human.js';

/** The last block of Human's CenterNet MobileNetV3 backbone: 16x16 cells of 720 channels for a 512 px input. */
export const backboneNode = 'tower_0/MobilenetV3/expanded_conv_14/depthwise/hard_swish/mul_1';

/** One face Human found, with its 1024-d description. */
export interface FaceDetection {
  /** Detection score 0..1. */
  score: number;
  /** [x, y, width, height] as fractions of the frame. */
  box: HumanBox;
  /** The faceres description (unit length is not guaranteed; compare with cosine). */
  embedding: number[];
}

/** One person CenterNet found. */
export interface PersonDetection {
  /** Detection score 0..1. */
  score: number;
  /** [x, y, width, height] as fractions of the frame. */
  box: HumanBox;
}

/** What the human features read from one sampled frame. */
export interface FrameFeatures {
  /** Faces with a description and a box of at least {@link AnalyseFrameOptions.minFaceHeight}. */
  faces: FaceDetection[];
  /** Persons (COCO class `person`) of at least {@link AnalyseFrameOptions.minPersonHeight}. */
  persons: PersonDetection[];
  /** Backbone features pooled over the cells outside every detected person (the whole frame if none are). */
  background: number[];
  /** Backbone features pooled over the cells inside the largest person's box (undefined without a person). */
  subject?: number[];
}

/** Size limits that keep background extras and spurious detections out. */
export interface AnalyseFrameOptions {
  /** Smallest face height counted, as a fraction of the frame height. Default 0.06. */
  minFaceHeight?: number;
  /** Smallest person height counted, as a fraction of the frame height. Default 0.1. */
  minPersonHeight?: number;
}

/**
 * Runs Human's face detector, face description and person detector on one frame, and pools the last feature map
 * of its CenterNet backbone outside the persons (background) and inside the largest person (subject).
 *
 * @example
 * const features = await analyseFrame(human, frames[0]);
 */
export async function analyseFrame(
  human: HumanInstance,
  frame: VideoFrame,
  options: AnalyseFrameOptions = {},
): Promise<FrameFeatures> {
  const minFace = options.minFaceHeight ?? 0.06;
  const minPerson = options.minPersonHeight ?? 0.1;
  const { tf } = human;
  const input = tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32');
  let result: Awaited<ReturnType<HumanInstance['detect']>>;
  try {
    // Persons come from the one CenterNet pass below, which also gives the backbone features.
    result = await human.detect(input, { object: { enabled: false } });
  } finally {
    input.dispose();
  }
  const faces = result.face
    .filter((face) => face.embedding !== undefined && face.embedding.length > 0 && face.boxRaw[3] >= minFace)
    .map((face) => ({ score: face.score, box: face.boxRaw, embedding: [...(face.embedding ?? [])] }));
  const backbone = human.models.models[humanModels.personDetector];
  if (!backbone) throw new Error('@vladmandic/human: the centernet model is not loaded');
  const { map, detections } = await runCenterNet(human, backbone, frame);
  const persons = selectPersons(detections, minPerson);
  const largest = [...persons].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])[0];
  const inside = (box: HumanBox) => (x: number, y: number) =>
    x >= box[0] && x <= box[0] + box[2] && y >= box[1] && y <= box[1] + box[3];
  const background =
    poolCells(map, (x, y) => !persons.some((person) => inside(person.box)(x, y))) ??
    poolCells(map, () => true)!;
  const subject = largest ? poolCells(map, inside(largest.box)) : undefined;
  return { faces, persons, background, ...(subject && { subject }) };
}

/** The backbone's last feature map: `side` x `side` cells of `channels` values, row-major. */
interface FeatureMap {
  side: number;
  channels: number;
  values: Float32Array;
}

/** CenterNet's detections: per row x1, y1, x2, y2 (input pixels), score, class (0 = COCO person). */
const detectionsNode = 'tower_0/detections';

async function runCenterNet(
  human: HumanInstance,
  model: NonNullable<HumanInstance['models']['models'][string]>,
  frame: VideoFrame,
): Promise<{ map: FeatureMap; detections: Float32Array }> {
  const { tf } = human;
  const [features, detections] = tf.tidy(() => {
    const pixels = tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32');
    const batch = tf.expandDims(
      tf.image.resizeBilinear(tf.cast(pixels, 'float32'), [inputSide, inputSide]),
      0,
    );
    return model.execute(batch, [backboneNode, detectionsNode]);
  });
  try {
    const [, side = 0, , channels = 0] = features.shape;
    return {
      map: { side, channels, values: Float32Array.from(await features.data()) },
      detections: Float32Array.from(await detections.data()),
    };
  } finally {
    features.dispose();
    detections.dispose();
  }
}

/** Person boxes (fractions of the frame) above the score and height limits, after non-maximum suppression. */
function selectPersons(detections: Float32Array, minHeight: number): PersonDetection[] {
  const candidates: PersonDetection[] = [];
  for (let offset = 0; offset + 6 <= detections.length; offset += 6) {
    const [x1, y1, x2, y2, score, label] = detections.subarray(offset, offset + 6) as unknown as number[];
    if (label !== 0 || score! < minPersonScore) continue;
    const box: HumanBox = [
      x1! / inputSide,
      y1! / inputSide,
      (x2! - x1!) / inputSide,
      (y2! - y1!) / inputSide,
    ];
    if (box[3] >= minHeight) candidates.push({ score: score!, box });
  }
  candidates.sort((a, b) => b.score - a.score);
  const kept: PersonDetection[] = [];
  for (const candidate of candidates)
    if (kept.every((other) => overlap(other.box, candidate.box) < 0.4)) kept.push(candidate);
  return kept;
}

/** Smallest CenterNet score of a counted person (Human's default object.minConfidence is 0.2). */
const minPersonScore = 0.3;

/** Intersection over union of two [x, y, width, height] boxes. */
function overlap(a: HumanBox, b: HumanBox): number {
  const width = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const height = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const intersection = width * height;
  return intersection / (a[2] * a[3] + b[2] * b[3] - intersection || 1);
}

/** CenterNet's fixed input side (pixels); the frame is stretched to it, as Human does for detection. */
const inputSide = 512;

/** Mean feature over the cells whose centre (as a fraction of the frame) passes `keep`; undefined if none. */
function poolCells(map: FeatureMap, keep: (x: number, y: number) => boolean): number[] | undefined {
  const sum = new Float64Array(map.channels);
  let count = 0;
  for (let row = 0; row < map.side; row++) {
    for (let column = 0; column < map.side; column++) {
      if (!keep((column + 0.5) / map.side, (row + 0.5) / map.side)) continue;
      const offset = (row * map.side + column) * map.channels;
      for (let channel = 0; channel < map.channels; channel++) sum[channel]! += map.values[offset + channel]!;
      count++;
    }
  }
  return count === 0 ? undefined : Array.from(sum, (value) => value / count);
}
