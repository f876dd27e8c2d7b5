import type { WordToken } from './tokenize.js';

/** What a verb says about a figure's motion; undefined fields are not stated. */
export interface MotionWord {
  /** Walking speed in u per latent frame (0 = stands still). */
  speed?: number;
  /** 1 = sits, 0 = stands. */
  sit?: number;
  /** Presence the text asks for: 1 on screen, low when the figure leaves. */
  presence?: number;
  /** Reverses the walking direction. */
  turn?: boolean;
}

const entries = (words: string, motion: MotionWord): Array<[string, MotionWord]> =>
  words.split(/\s+/).map((word) => [word, motion]);

/** Verbs (all inflections listed) mapped to motion. */
export const MOTION_VERBS: ReadonlyMap<string, MotionWord> = new Map([
  ...entries('walk walks walking stroll strolls strolling wander wanders wandering pace paces pacing', { speed: 0.018, sit: 0 }),
  ...entries('run runs running jog jogs jogging hurry hurries hurrying rush rushes rushing', { speed: 0.04, sit: 0 }),
  ...entries('enter enters entering arrive arrives arriving approach approaches approaching come comes coming', { speed: 0.02, sit: 0, presence: 1 }),
  ...entries('leave leaves leaving exit exits exiting depart departs departing', { speed: 0.025, sit: 0, presence: 0.05 }),
  ...entries('sit sits sitting seated kneel kneels kneeling', { speed: 0, sit: 1 }),
  ...entries('stand stands standing wait waits waiting stop stops talk talks talking read reads reading look looks looking watch watches watching pour pours pouring laugh laughs laughing', { speed: 0, sit: 0 }),
  ...entries('turn turns turning', { turn: true }),
]); // biome-ignore format: word list

/**
 * A shot word's camera: zoom factor, zoom rate per latent frame, and whether the pan frames the figures (close-up,
 * medium and tracking shots follow them; a wide shot centres the stage).
 */
export interface CameraWord {
  zoom?: number;
  zoomRate?: number;
  tracking?: boolean;
}

/** Shot words (single words or the first word of a two-word shot) mapped to camera settings. */
export const CAMERA_WORDS: ReadonlyMap<string, CameraWord> = new Map([
  ['close-up', { zoom: 2.0, zoomRate: 0, tracking: true }],
  ['closeup', { zoom: 2.0, zoomRate: 0, tracking: true }],
  ['medium', { zoom: 1.35, zoomRate: 0, tracking: true }],
  ['wide', { zoom: 0.9, zoomRate: 0, tracking: false }],
  ['push-in', { zoomRate: 0.012 }],
  ['tracking', { tracking: true }],
  ['pan', { tracking: true }],
  ['pans', { tracking: true }],
]);

/** The camera words of a prompt merged in order (a later word overrides an earlier one). */
export function findCamera(tokens: readonly WordToken[]): CameraWord {
  const camera: CameraWord = {};
  for (const token of tokens) Object.assign(camera, CAMERA_WORDS.get(token.lower) ?? {});
  return camera;
}

/** The motion of the first verb after `from` in the same sentence, else of the prompt's first verb. */
export function findMotion(tokens: readonly WordToken[], from: number): MotionWord {
  for (let index = from; index < tokens.length && !tokens[index]!.sentenceEnd; index++) {
    const motion = MOTION_VERBS.get(tokens[index]!.lower);
    if (motion !== undefined) return motion;
  }
  for (const token of tokens) {
    const motion = MOTION_VERBS.get(token.lower);
    if (motion !== undefined) return motion;
  }
  return {};
}
