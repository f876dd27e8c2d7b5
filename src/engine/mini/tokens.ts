import { APPEARANCE_SIZE } from './appearance.js';

/**
 * Layout of a slot token's state vector (the latent the denoiser works on). Appearance entries follow
 * `appearanceLayout`; then motion and presence.
 *
 * | index | meaning |
 * |-------|---------|
 * | 0-38  | appearance (appearance.ts) |
 * | 39    | walked position u: the unfolded horizontal position; the stage folds it into x (stage.ts) |
 * | 40    | depth, 0 far to 1 near |
 * | 41    | sitting, 0 standing to 1 seated |
 * | 42    | speed, u per latent frame (signed: the sign is the walking direction) |
 * | 43    | presence: the decoder draws the figure above 0.5 |
 */
export const stateLayout = {
  walked: APPEARANCE_SIZE,
  depth: APPEARANCE_SIZE + 1,
  sit: APPEARANCE_SIZE + 2,
  speed: APPEARANCE_SIZE + 3,
  presence: APPEARANCE_SIZE + 4,
} as const;

/** Length of a slot token's state vector. */
export const STATE_SIZE = APPEARANCE_SIZE + 5;

/** Figure slots per latent frame (spatial tokens; empty ones carry presence near 0). */
export const SLOTS = 6;

/** One figure slot of a latent frame: the denoised latent the decoder draws. */
export interface SlotToken {
  /** State vector (STATE_SIZE, layout in `stateLayout`). */
  state: Float32Array;
  /** Binding vector (BINDING_SIZE): the words this token was bound to by text cross-attention. */
  binding: Float32Array;
  /** Text mention with the largest cross-attention weight when that weight won over the context, else the one carried. */
  mention: string | null;
}

/**
 * Keys and values of one slot token as the context pass at timestep 0 wrote them. Key = [binding, appearance -
 * 0.5]; value = the state with presence gated by the text (an unclaimed token is written weaker).
 */
export interface KeyValueToken {
  slot: number;
  /** BINDING_SIZE + APPEARANCE_SIZE entries. */
  key: Float32Array;
  /** STATE_SIZE entries. */
  value: Float32Array;
  /** Mention label carried for the render record. */
  mention: string | null;
}

/** Scene token state: sky RGB, ground RGB, zoom, pan, zoom rate. */
export const sceneLayout = { palette: 0, zoom: 6, pan: 7, zoomRate: 8 } as const;
/** Length of the scene state vector. */
export const SCENE_SIZE = 9;

/** The scene token of a latent frame. */
export interface SceneToken {
  /** Backdrop id (`park`, `street`, ...) or null for a plain backdrop. */
  setting: string | null;
  /** SCENE_SIZE entries (`sceneLayout`). */
  state: Float32Array;
  /** Binding vector of the setting word (zero when none). */
  binding: Float32Array;
}

/** A generated latent frame. */
export interface LatentFrame {
  /** Latent frame index (its temporal position). */
  index: number;
  /** The prompt text that conditioned it (the blend target during a soft transition). */
  prompt: string;
  scene: SceneToken;
  /** SLOTS slot tokens, as drawn. */
  slots: SlotToken[];
  /** Keys/values written by the last context pass (generation, or recache). */
  cache: KeyValueToken[];
}

/** A frame as the context of the frame being generated sees it. */
export interface ContextFrame {
  /** Temporal position: the original latent frame index (bank frames keep theirs). */
  position: number;
  part: 'sink' | 'bank' | 'local';
  scene: SceneToken;
  cache: readonly KeyValueToken[];
}
