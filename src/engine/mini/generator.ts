import { APPEARANCE_SIZE, clamp01, sampleAppearance } from './appearance.js';
import { createUniform, gaussian, mixSeed } from './random.js';
import { canonicalPalette } from './scenes.js';
import type { Mention } from './text-encoder.js';
import {
  type ContextFrame,
  copyFigure,
  type FigureToken,
  type LatentFrame,
  MAX_FIGURES,
  type SceneToken,
} from './tokens.js';
import { BINDING_SIZE, dot, normalize } from './weights.js';

/** Fixed attention constants of the miniature engine (its untrained "weights"). */
export const attentionConstants = {
  /** Scale of binding-key logits (query binding . key binding). */
  bindingScale: 30,
  /** Scale of appearance-key logits (stated look . stored look, both centred on 0.5). */
  appearanceScale: 6,
  /** Logit of the null key: what wins when nothing in context matches (a fresh look from the seed). */
  nullLogit: 13.5,
  /** Recency penalty per doubling of temporal distance (in chunks): far frames pull less. */
  recency: 0.35,
  /** How strongly a stated attribute overrides the attended look. */
  specStrength: 0.95,
  /** Weight of a query's own current estimate in its appearance query, times (1 - sigma); 0: it made attention winner-take-all and hid leakage. */
  selfQuery: 0,
  /** Noise added per step, times sigma: the seed of drift. */
  stepNoise: 0.03,
} as const;

/** What conditions one latent frame: the mentions of the dominant prompt and the setting. */
export interface Conditioning {
  /** Prompt text recorded on the frame. */
  promptText: string;
  /** Prompt text that keys written now are tied to. */
  keyPrompt: string;
  /** Prompts whose keys are not stale (current prompt and blend source). */
  freshPrompts: readonly string[];
  /** Person mentions, each with the strength its prompt has in the blend (1 without blending). */
  mentions: ReadonlyArray<{ mention: Mention; strength: number }>;
  /** Settings stated by the prompt(s), with weights summing to at most 1. */
  settings: ReadonlyArray<{ setting: string; binding: Float32Array; weight: number }>;
}

/** Inputs of {@link generateFrame}. */
export interface GenerateFrameInput {
  index: number;
  context: readonly ContextFrame[];
  /** The latent frame just before this one (continuation candidates), if any. */
  previous: LatentFrame | undefined;
  conditioning: Conditioning;
  /** Shifted noise levels of the denoising steps, highest first, in (0, 1]. */
  sigmas: readonly number[];
  seed: number;
  chunkFrames: number;
  localFrames: number;
}

interface Query {
  /** Binding-space query vector. */
  query: Float32Array;
  /** Binding written into the keys of the figure this query makes. */
  binding: Float32Array;
  spec: Float32Array;
  mask: Float32Array;
  strength: number;
  mention: string | null;
  source: FigureToken | undefined;
}

/** Denoises one latent frame: every figure query attends over the context's figure keys plus a null key. */
export function generateFrame(input: GenerateFrameInput): { frame: LatentFrame; attentionOps: number } {
  const { context, conditioning } = input;
  const keys = context.flatMap((frame) =>
    frame.figures.map((figure) => ({
      figure,
      bias: recencyBias(input.index - frame.position, input.chunkFrames),
    })),
  );
  const queries: Query[] = conditioning.mentions.slice(0, MAX_FIGURES).map(({ mention, strength }) => ({
    query: mention.query,
    binding: mention.binding,
    spec: mention.spec,
    mask: mention.mask,
    strength,
    mention: mention.text,
    source: undefined,
  }));
  let attentionOps = 0;
  for (const figure of input.previous?.figures ?? []) {
    if (queries.length >= MAX_FIGURES) break;
    if (conditioning.freshPrompts.includes(figure.keyPrompt) || figure.unbound + 1 >= input.localFrames)
      continue;
    attentionOps += queries.length;
    const claimed = queries.some(
      (query) => query.source === undefined && logit(query, figure, null, 1) > attentionConstants.nullLogit,
    );
    if (!claimed) {
      queries.push({
        query: figure.binding,
        binding: figure.binding,
        spec: figure.appearance,
        mask: new Float32Array(APPEARANCE_SIZE),
        strength: 0,
        mention: figure.mention,
        source: figure,
      });
    }
  }
  const figures = queries.map((query, slot) => {
    const result = denoiseFigure(input, keys, query, slot);
    attentionOps += result.attentionOps;
    return result.figure;
  });
  separate(figures);
  const scene = denoiseScene(input);
  attentionOps += scene.attentionOps;
  return {
    frame: { index: input.index, prompt: conditioning.promptText, scene: scene.token, figures },
    attentionOps,
  };
}

function denoiseFigure(
  input: GenerateFrameInput,
  keys: ReadonlyArray<{ figure: FigureToken; bias: number }>,
  query: Query,
  slot: number,
): { figure: FigureToken; attentionOps: number } {
  const uniform = createUniform(mixSeed(input.seed, input.index, slot, 1));
  const fresh = sampleAppearance(uniform);
  const freshPosition = { x: 0.1 + 0.8 * uniform(), depth: 0.3 + 0.5 * uniform() };
  let state = fresh.slice();
  let weights = new Float32Array(keys.length);
  let nullWeight = 1;
  const lambda =
    attentionConstants.specStrength * (query.source === undefined ? Math.max(query.strength, 0) : 0);
  input.sigmas.forEach((sigma, step) => {
    const logits = keys.map(({ figure, bias }) => logit(query, figure, state, 1 - sigma) + bias);
    const maximum = Math.max(attentionConstants.nullLogit, ...logits);
    let total = Math.exp(attentionConstants.nullLogit - maximum);
    weights = Float32Array.from(logits, (value) => Math.exp(value - maximum));
    for (const weight of weights) total += weight;
    weights = weights.map((weight) => weight / total);
    nullWeight = Math.exp(attentionConstants.nullLogit - maximum) / total;
    const predicted = new Float32Array(APPEARANCE_SIZE);
    for (let entry = 0; entry < APPEARANCE_SIZE; entry++) {
      let value = nullWeight * fresh[entry]!;
      keys.forEach(({ figure }, index) => {
        value += weights[index]! * figure.appearance[entry]!;
      });
      if (query.mask[entry]! > 0) value = (1 - lambda) * value + lambda * query.spec[entry]!;
      predicted[entry] = value;
    }
    const noise = createUniform(mixSeed(input.seed, input.index, slot, 2 + step));
    state = predicted.map((value) => clamp01(value + attentionConstants.stepNoise * sigma * gaussian(noise)));
  });
  const binding = new Float32Array(BINDING_SIZE);
  let x = nullWeight * freshPosition.x;
  let depth = nullWeight * freshPosition.depth;
  keys.forEach(({ figure }, index) => {
    const weight = weights[index]!;
    x += weight * figure.x;
    depth += weight * figure.depth;
    for (let entry = 0; entry < BINDING_SIZE; entry++)
      binding[entry] = binding[entry]! + 0.5 * weight * figure.binding[entry]!;
  });
  const bound = query.source === undefined;
  if (bound)
    for (let entry = 0; entry < BINDING_SIZE; entry++)
      binding[entry] = binding[entry]! + query.binding[entry]!;
  const figure: FigureToken = {
    appearance: state,
    x,
    depth,
    phase: input.index * 0.5 + slot * 0.37,
    binding: bound ? normalize(binding) : query.binding.slice(),
    mention: query.mention,
    keyPrompt: bound ? input.conditioning.keyPrompt : query.source!.keyPrompt,
    unbound: bound ? 0 : query.source!.unbound + 1,
  };
  return { figure, attentionOps: input.sigmas.length * (keys.length + 1) };
}

/** Attention logit of a query against a stored figure key, without the temporal term. */
function logit(query: Query, figure: FigureToken, state: Float32Array | null, selfWeight: number): number {
  let appearance = 0;
  for (let entry = 0; entry < APPEARANCE_SIZE; entry++) {
    const stated =
      query.mask[entry]! > 0
        ? query.spec[entry]! - 0.5
        : state === null
          ? 0
          : attentionConstants.selfQuery * selfWeight * (state[entry]! - 0.5);
    appearance += stated * (figure.appearance[entry]! - 0.5);
  }
  return (
    attentionConstants.bindingScale * dot(query.query, figure.binding) +
    attentionConstants.appearanceScale * appearance
  );
}

/** Temporal position term: a penalty that grows with the log of the distance in chunks. */
export function recencyBias(distance: number, chunkFrames: number): number {
  return -attentionConstants.recency * Math.log2(1 + Math.max(0, distance) / chunkFrames);
}

function denoiseScene(input: GenerateFrameInput): { token: SceneToken; attentionOps: number } {
  const { context, conditioning } = input;
  const stated = conditioning.settings;
  const statedWeight = stated.reduce((sum, entry) => sum + entry.weight, 0);
  const logits = context.map((frame) => {
    let similarity = 0;
    for (const entry of stated) similarity += entry.weight * dot(entry.binding, frame.scene.binding);
    return (
      attentionConstants.bindingScale * similarity +
      4 * recencyBias(input.index - frame.position, input.chunkFrames)
    );
  });
  const maximum = Math.max(0, ...logits);
  const weights = logits.map((value) => Math.exp(value - maximum));
  const total = weights.reduce((sum, value) => sum + value, 0);
  const attended = new Float32Array(6);
  const votes = new Map<string | null, number>();
  context.forEach((frame, index) => {
    const weight = total > 0 ? weights[index]! / total : 0;
    for (let channel = 0; channel < 6; channel++)
      attended[channel] = attended[channel]! + weight * frame.scene.palette[channel]!;
    votes.set(frame.scene.setting, (votes.get(frame.scene.setting) ?? 0) + weight);
  });
  const textPalette = new Float32Array(6);
  for (const entry of stated) {
    const palette = canonicalPalette(entry.setting);
    for (let channel = 0; channel < 6; channel++)
      textPalette[channel] = textPalette[channel]! + entry.weight * palette[channel]!;
  }
  const uniform = createUniform(mixSeed(input.seed, input.index, 99));
  const textWeight = context.length === 0 ? 1 : 0.5 * statedWeight;
  const palette = new Float32Array(6);
  const plain = canonicalPalette(null);
  for (let channel = 0; channel < 6; channel++) {
    const base =
      context.length === 0
        ? statedWeight > 0
          ? textPalette[channel]! / statedWeight
          : plain[channel]!
        : attended[channel]!;
    const fromText = statedWeight > 0 ? textPalette[channel]! / statedWeight : base;
    palette[channel] = clamp01((1 - textWeight) * base + textWeight * fromText + 0.01 * gaussian(uniform));
  }
  const strongest = [...stated].sort((first, second) => second.weight - first.weight)[0];
  let setting: string | null = strongest?.setting ?? null;
  let binding = strongest?.binding.slice() ?? new Float32Array(BINDING_SIZE);
  if (strongest === undefined && context.length > 0) {
    const top = [...votes.entries()].sort((first, second) => second[1] - first[1])[0]!;
    setting = top[0];
    binding = context.find((frame) => frame.scene.setting === setting)!.scene.binding.slice();
  }
  return { token: { setting, palette, binding }, attentionOps: context.length + 1 };
}

/** Pushes figure centres apart so the decoder draws them side by side. */
function separate(figures: FigureToken[]): void {
  if (figures.length < 2) return;
  const gap = Math.min(0.2, 0.84 / figures.length);
  const order = [...figures].sort((first, second) => first.x - second.x);
  for (let round = 0; round < 8; round++) {
    for (let index = 1; index < order.length; index++) {
      const left = order[index - 1]!;
      const right = order[index]!;
      const overlap = gap - (right.x - left.x);
      if (overlap > 0) {
        left.x -= overlap / 2;
        right.x += overlap / 2;
      }
    }
    for (const figure of order) figure.x = Math.min(0.92, Math.max(0.08, figure.x));
  }
}

export { copyFigure };
