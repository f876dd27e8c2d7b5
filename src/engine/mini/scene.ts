import { temporalDecay } from './attention.js';
import type { Conditioning } from './conditioning.js';
import { kernels, softmaxInto } from './kernels.js';
import { createUniform, gaussian, mixSeed } from './random.js';
import { canonicalPalette } from './scenes.js';
import { stageX } from './stage.js';
import {
  type ContextFrame,
  SCENE_SIZE,
  type SceneToken,
  type SlotToken,
  sceneLayout,
  stateLayout,
} from './tokens.js';
import { BINDING_SIZE } from './weights.js';

/** Fixed weights of the scene token's attention. */
export const sceneConstants = {
  /** Scale of setting-word binding . stored setting binding. */
  bindingScale: 30,
  /** Logit every context scene key gets (times the temporal factor): recent frames carry the scene on. */
  carry: 4,
  /** How far a stated setting's palette moves the prediction per step. */
  textGuidance: 0.5,
  /** How far shot words move zoom, zoom rate and pan per step. */
  cameraGuidance: 0.35,
  /** Noise of the scene state (palette, zoom, pan, zoom rate). */
  noise: [0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.02, 0.01, 0.001],
} as const;

const defaultScene = (): Float32Array => {
  const state = new Float32Array(SCENE_SIZE);
  state.set(canonicalPalette(null));
  state[sceneLayout.zoom] = 1;
  state[sceneLayout.pan] = 0.5;
  return state;
};

/**
 * Denoises the scene token: it attends over the context's scene keys with the stated setting words as query
 * (plus a null key: the plain default), then moves toward the stated palette and shot, step by step.
 */
export function denoiseScene(
  input: {
    index: number;
    context: readonly ContextFrame[];
    conditioning: Conditioning;
    sigmas: readonly number[];
    seed: number;
  },
  slots: readonly SlotToken[],
): SceneToken {
  const { context, conditioning } = input;
  const query = new Float32Array(BINDING_SIZE);
  for (const source of conditioning.sources)
    for (let entry = 0; entry < BINDING_SIZE; entry++)
      query[entry] =
        query[entry]! + sceneConstants.bindingScale * source.weight * source.settingBinding[entry]!;
  const logits = new Float32Array(context.length + 1);
  context.forEach((frame, key) => {
    const decay = temporalDecay(input.index - frame.position);
    logits[key] = decay * (kernels.dot(query, frame.scene.binding, BINDING_SIZE) + sceneConstants.carry);
  });
  logits[context.length] = 0;
  const weights = new Float32Array(context.length + 1);
  softmaxInto(logits, weights, context.length + 1);
  const value = defaultScene().map((entry) => entry * weights[context.length]!);
  const votes = new Map<string | null, number>();
  context.forEach((frame, key) => {
    const weight = weights[key]!;
    for (let entry = 0; entry < SCENE_SIZE; entry++)
      value[entry] = value[entry]! + weight * frame.scene.state[entry]!;
    votes.set(frame.scene.setting, (votes.get(frame.scene.setting) ?? 0) + weight);
  });
  votes.set(null, (votes.get(null) ?? 0) + weights[context.length]!);
  const target = new Float32Array(SCENE_SIZE);
  const mask = new Float32Array(SCENE_SIZE);
  for (const source of conditioning.sources) {
    const palette = canonicalPalette(source.setting);
    const stated = source.weight * Number(source.setting !== null);
    for (let entry = 0; entry < 6; entry++) {
      target[entry] = target[entry]! + stated * palette[entry]!;
      mask[entry] = mask[entry]! + stated;
    }
    const camera = source.camera;
    const add = (entry: number, amount: number | undefined) => {
      const weight = source.weight * Number(amount !== undefined);
      target[entry] = target[entry]! + weight * (amount ?? 0);
      mask[entry] = mask[entry]! + weight;
    };
    add(sceneLayout.zoom, camera.zoom);
    add(sceneLayout.zoomRate, camera.zoomRate);
    add(
      sceneLayout.pan,
      camera.tracking === undefined ? undefined : camera.tracking ? trackedPan(slots) : 0.5,
    );
    votes.set(source.setting, (votes.get(source.setting) ?? 0) + 2 * stated);
  }
  // The zoom rate acts on the zoom: the attended zoom moves on by the attended rate before the text pulls it.
  value[sceneLayout.zoom] = value[sceneLayout.zoom]! + value[sceneLayout.zoomRate]!;
  const uniform = createUniform(mixSeed(input.seed, input.index, 99));
  let state = defaultScene();
  input.sigmas.forEach((sigma, step) => {
    const next = input.sigmas[step + 1] ?? 0;
    state = state.map((current, entry) => {
      const guidance = entry < 6 ? sceneConstants.textGuidance : sceneConstants.cameraGuidance;
      const predicted = value[entry]! + guidance * (target[entry]! - mask[entry]! * value[entry]!);
      const x0 = predicted + 0.12 * (current - (1 - sigma) * predicted - sigma * value[entry]!);
      return (1 - next) * x0 + next * (value[entry]! + sceneConstants.noise[entry]! * gaussian(uniform));
    });
  });
  state[sceneLayout.zoom] = Math.min(2.6, Math.max(0.8, state[sceneLayout.zoom]!));
  state[sceneLayout.pan] = Math.min(0.85, Math.max(0.15, state[sceneLayout.pan]!));
  const setting = [...votes.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  const binding = conditioning.sources.reduce((best, source) =>
    source.weight > best.weight ? source : best,
  ).settingBinding;
  return { setting, state, binding: binding.slice() };
}

/** Pan target of a tracking shot: the presence-weighted mean position of the frame's figures. */
function trackedPan(slots: readonly SlotToken[]): number {
  let total = 0.3;
  let sum = 0.3 * 0.5;
  for (const slot of slots) {
    const presence = slot.state[stateLayout.presence]!;
    total += presence;
    sum += presence * stageX(slot.state[stateLayout.walked]!);
  }
  return sum / total;
}
