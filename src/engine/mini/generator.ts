import { APPEARANCE_SIZE, sampleAppearance } from './appearance.js';
import {
  activateMemory,
  attendContext,
  attendText,
  type CrossAttention,
  contextQuery,
  flattenContext,
  KEY_SIZE,
  keyGate,
} from './attention.js';
import type { Conditioning } from './conditioning.js';
import { createUniform, gaussian, mixSeed } from './random.js';
import { denoiseScene } from './scene.js';
import { stageX } from './stage.js';
import {
  type ContextFrame,
  type KeyValueToken,
  type LatentFrame,
  SLOTS,
  type SlotToken,
  STATE_SIZE,
  stateLayout,
} from './tokens.js';
import { BINDING_SIZE } from './weights.js';

/** How the denoiser turns attention outputs into a prediction, and its noise (docs/engine.md, equations). */
export const denoiserConstants = {
  /** g_t: how far stated appearance moves the prediction from the attended value, per step. */
  textGuidance: 0.9,
  /** g_m: the same for motion (speed, sitting, turning). */
  motionGuidance: 0.6,
  /** gamma(sigma) = absentPull + absentPullClean * (1 - sigma): presence a pass takes from a slot the text does
   * not claim (the null text token's pull; timestep-modulated, strongest in the clean context pass). */
  absentPull: 0.05,
  absentPullClean: 0.3,
  /** zeta: fraction of the current noise estimate the imperfect denoiser passes into its prediction. */
  leak: 0.12,
  /** Speed at which the walking direction saturates (tanh scale of the attended speed). */
  directionScale: 0.004,
} as const;

/** Mean and standard deviation of the noise per state entry (appearance and presence in [0, 1] units). */
const noiseCentre = new Float32Array(STATE_SIZE).fill(0.5);
const noiseScale = new Float32Array(STATE_SIZE).fill(0.25);
noiseCentre[stateLayout.speed] = 0;
noiseScale[stateLayout.walked] = 0.05;
noiseScale[stateLayout.depth] = 0.05;
noiseScale[stateLayout.sit] = 0.1;
noiseScale[stateLayout.speed] = 0.004;
noiseScale[stateLayout.presence] = 0.6;

/** Inputs of {@link generateFrame}. */
export interface GenerateFrameInput {
  index: number;
  context: readonly ContextFrame[];
  conditioning: Conditioning;
  /** Shifted noise levels of the denoising steps, highest first, in (0, 1]. */
  sigmas: readonly number[];
  seed: number;
  /**
   * Sparse memory activation: each attention pass attends only to the `memoryTopK` sink and bank frames whose mean
   * key best matches the pass's mean query, plus the local window (`activateMemory`). Omitted: dense attention.
   */
  memoryTopK?: number;
}

/**
 * Denoises one latent frame: every slot starts from seeded noise; each step attends over the context with a
 * query made from its current state, cross-attends over the text, predicts the clean state and re-noises to the
 * next step's level. The last prediction is the frame. With `memoryTopK`, each step first picks the sink and bank
 * frames it attends to (`activateMemory`); the scene token reads the frames the last step kept.
 */
export function generateFrame(input: GenerateFrameInput): LatentFrame {
  const flat = flattenContext(input.context, input.index);
  const fresh = Array.from({ length: SLOTS }, (_, slot) => freshState(input.seed, input.index, slot));
  const noise = Array.from({ length: SLOTS }, (_, slot) =>
    createUniform(mixSeed(input.seed, input.index, slot, 7)),
  );
  const states = noise.map((uniform) => sampleNoise(uniform));
  // The binding channels start as small noise and then hold the last prediction (they are not re-noised).
  const bindings = noise.map((uniform) => bindingNoise(uniform, 0.5));
  const mentions: Array<string | null> = new Array(SLOTS).fill(null);
  let text: CrossAttention[] | undefined;
  // sink and bank frames the last step kept (sparse memory activation); the scene token reads only these too
  let kept: number[] | undefined;
  input.sigmas.forEach((sigma, step) => {
    const next = input.sigmas[step + 1] ?? 0;
    let ranges = flat.parts;
    if (input.memoryTopK !== undefined) {
      const queries = states.map((state, slot) => contextQuery(bindings[slot]!, state));
      ({ ranges, kept } = activateMemory(flat, queries, input.memoryTopK));
    }
    const attended = states.map((state, slot) =>
      attendContext(flat, slot, bindings[slot]!, state, fresh[slot]!, ranges),
    );
    const presences = attended.map((entry) => entry.value[stateLayout.presence]!);
    const queries = bindings.map((binding, slot) => {
      const query = binding.slice();
      const read = attended[slot]!.binding;
      for (let entry = 0; entry < BINDING_SIZE; entry++) query[entry] = query[entry]! + read[entry]!;
      return query;
    });
    text = attendText(input.conditioning.sources, queries, states, presences, text);
    for (let slot = 0; slot < SLOTS; slot++) {
      const cross = text[slot]!;
      const predicted = predict(attended[slot]!.value, cross, sigma);
      const binding = new Float32Array(BINDING_SIZE);
      for (let entry = 0; entry < BINDING_SIZE; entry++)
        binding[entry] = attended[slot]!.binding[entry]! + cross.binding[entry]!;
      bindings[slot] = capNorm(binding);
      mentions[slot] = cross.mentionWeight > 0.5 ? cross.mention : attended[slot]!.mention;
      states[slot] = step_(states[slot]!, predicted, sigma, next, noise[slot]!);
    }
  });
  const slots: SlotToken[] = states.map((state, slot) => ({
    state: finish(state),
    binding: capNorm(bindings[slot]!),
    mention: mentions[slot]!,
  }));
  const sceneContext =
    kept === undefined
      ? input.context
      : input.context.filter((frame, index) => frame.part === 'local' || kept!.includes(index));
  const scene = denoiseScene({ ...input, context: sceneContext }, slots);
  return { index: input.index, prompt: input.conditioning.promptText, scene, slots, cache: [] };
}

/**
 * The context pass at timestep 0: each slot of a clean frame attends over its context and the text once more;
 * the key carries its binding plus what it attended to, the value its state with presence weakened by the part
 * of it the text does not claim. Recache runs exactly this over the window under the new prompt. `memoryTopK`:
 * sparse memory activation as in `generateFrame`.
 */
export function writeCache(
  frame: LatentFrame,
  context: readonly ContextFrame[],
  conditioning: Conditioning,
  memoryTopK?: number,
) {
  const flat = flattenContext(context, frame.index);
  const queries = () => frame.slots.map((slot) => contextQuery(slot.binding, slot.state));
  const ranges = memoryTopK === undefined ? flat.parts : activateMemory(flat, queries(), memoryTopK).ranges;
  const attended = frame.slots.map((slot, index) =>
    attendContext(flat, index, slot.binding, slot.state, slot.state, ranges),
  );
  const text = attendText(
    conditioning.sources,
    frame.slots.map((slot) => slot.binding),
    frame.slots.map((slot) => slot.state),
    frame.slots.map((slot) => slot.state[stateLayout.presence]!),
  );
  return frame.slots.map((slot, index): KeyValueToken => {
    const cross = text[index]!;
    const claim = Math.min(1, cross.claim);
    const binding = new Float32Array(BINDING_SIZE);
    for (let entry = 0; entry < BINDING_SIZE; entry++)
      binding[entry] = slot.binding[entry]! + 0.5 * attended[index]!.binding[entry]! + cross.binding[entry]!;
    capNorm(binding);
    const value = slot.state.slice();
    const presence = value[stateLayout.presence]! * (1 - absentPull(0) * (1 - claim));
    value[stateLayout.presence] = presence;
    // An absent token has nothing to be matched on: its key fades out below half presence.
    const gate = keyGate(presence);
    const key = new Float32Array(KEY_SIZE);
    for (let entry = 0; entry < BINDING_SIZE; entry++) key[entry] = gate * binding[entry]!;
    for (let entry = 0; entry < APPEARANCE_SIZE; entry++)
      key[BINDING_SIZE + entry] = gate * (slot.state[entry]! - 0.5);
    return {
      slot: index,
      key,
      value,
      mention: cross.mentionWeight > 0.5 ? cross.mention : slot.mention,
    };
  });
}

/** x0 prediction: the attended value moved toward what the text states, with the weight the text puts there. */
function predict(value: Float32Array, text: CrossAttention, sigma: number): Float32Array {
  const { textGuidance, motionGuidance, directionScale } = denoiserConstants;
  const predicted = value.slice();
  const scale = 1 / Math.max(1, text.claim);
  for (let entry = 0; entry < APPEARANCE_SIZE; entry++) {
    const pull = text.specWeight[entry]! - text.maskWeight[entry]! * value[entry]!;
    predicted[entry] = value[entry]! + textGuidance * scale * pull;
  }
  const claim = Math.min(1, text.claim);
  const speed = value[stateLayout.speed]!;
  // Walking direction: the attended one, bent toward the middle of the stage near its edges.
  const direction = Math.tanh(speed / directionScale + 1.5 * (0.5 - stageX(value[stateLayout.walked]!)));
  const [speedTarget, sitTarget, presenceTarget, turn] = text.motionWeight;
  const [speedMask, sitMask] = text.motionMaskWeight;
  predicted[stateLayout.speed] =
    speed * (1 - 2 * motionGuidance * scale * turn!) +
    motionGuidance * scale * (speedTarget! * direction - speedMask! * speed);
  const sit = value[stateLayout.sit]!;
  predicted[stateLayout.sit] = sit + motionGuidance * scale * (sitTarget! - sitMask! * sit);
  const presence = value[stateLayout.presence]!;
  predicted[stateLayout.presence] =
    presence + scale * (presenceTarget! - claim * presence) - absentPull(sigma) * (1 - claim) * presence;
  return predicted;
}

/** Presence a pass at noise level sigma takes from an unclaimed slot. */
function absentPull(sigma: number): number {
  return denoiserConstants.absentPull + denoiserConstants.absentPullClean * (1 - sigma);
}

/** Flow-matching step: x0 = prediction + leak of the noise estimate; z' = (1 - sigma') x0 + sigma' noise. */
function step_(
  state: Float32Array,
  predicted: Float32Array,
  sigma: number,
  next: number,
  uniform: () => number,
): Float32Array {
  const updated = new Float32Array(STATE_SIZE);
  for (let entry = 0; entry < STATE_SIZE; entry++) {
    const clean = predicted[entry]!;
    const estimate = state[entry]! - (1 - sigma) * clean - sigma * noiseCentre[entry]!;
    const x0 = clean + denoiserConstants.leak * estimate;
    updated[entry] = (1 - next) * x0 + next * (noiseCentre[entry]! + noiseScale[entry]! * gaussian(uniform));
  }
  return updated;
}

function sampleNoise(uniform: () => number): Float32Array {
  const state = new Float32Array(STATE_SIZE);
  for (let entry = 0; entry < STATE_SIZE; entry++)
    state[entry] = noiseCentre[entry]! + noiseScale[entry]! * gaussian(uniform);
  return state;
}

/** The null key's value for a slot: a fresh look from the seed, standing in the slot's part of the stage, absent. */
function freshState(seed: number, index: number, slot: number): Float32Array {
  const uniform = createUniform(mixSeed(seed, index, slot, 1));
  const state = new Float32Array(STATE_SIZE);
  state.set(sampleAppearance(uniform));
  state[stateLayout.walked] = 0.1 + (0.8 * (slot + 0.5)) / SLOTS + 0.04 * (uniform() - 0.5);
  state[stateLayout.depth] = 0.35 + 0.45 * uniform();
  // a slight seeded lean left or right: which way a new walker sets off
  state[stateLayout.speed] = 0.004 * (2 * uniform() - 1);
  return state;
}

/** Seeded binding noise of norm about `scale`. */
function bindingNoise(uniform: () => number, scale: number): Float32Array {
  const binding = new Float32Array(BINDING_SIZE);
  const spread = scale / Math.sqrt(BINDING_SIZE);
  for (let entry = 0; entry < BINDING_SIZE; entry++) binding[entry] = spread * gaussian(uniform);
  return binding;
}

/** Keeps bounded entries in range (appearance, depth, sitting, presence); position and speed stay free. */
function finish(state: Float32Array): Float32Array {
  for (let entry = 0; entry < STATE_SIZE; entry++) {
    const free = entry === stateLayout.walked || entry === stateLayout.speed;
    state[entry] = free ? state[entry]! : Math.min(1, Math.max(0, state[entry]!));
  }
  return state;
}

/** Scales a vector down to length 1 when longer (a norm that keeps weak bindings weak). */
function capNorm(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const scale = 1 / Math.max(1, Math.sqrt(sum));
  for (let entry = 0; entry < vector.length; entry++) vector[entry] = vector[entry]! * scale;
  return vector;
}
