import { workProfile } from '../work-profile.js';
import { APPEARANCE_SIZE } from './appearance.js';
import type { TextSource } from './conditioning.js';
import { MOTION_SIZE } from './conditioning.js';
import { kernels, softmaxInto } from './kernels.js';
import { type ContextFrame, SLOTS, STATE_SIZE, stateLayout } from './tokens.js';
import { BINDING_SIZE } from './weights.js';

/** The miniature engine's fixed attention weights (untrained, chosen by hand; docs/engine.md). */
export const attentionConstants = {
  /** Self-attention: scale of the binding part of query . key. */
  bindingScale: 20,
  /** Self-attention: scale of the appearance part (state - 0.5) . (stored look - 0.5). */
  appearanceScale: 1,
  /** Self-attention: logit of a key in the same slot (spatial position embedding, one-hot). */
  slotScale: 8,
  /** Logit of the null key, whose value is a fresh look sampled from the seed with presence 0. */
  nullLogit: 8,
  /** Presence and binding read from a key of another slot count this much ("here" channels; looks copy fully). */
  crossSlot: 0.2,
  /** Presence read from a key fades as exp(-distance / presenceFrames): old frames tell who, not whether now. */
  presenceFrames: 24,
  /** Relative temporal bias: content logits are scaled by exp(-(distance / decayFrames)^2). */
  decayFrames: 215,
  /** Cross-attention: scale of slot binding . mention query. */
  textBindingScale: 20,
  /** Cross-attention: scale of (state - 0.5) . stated (spec - 0.5). */
  textAppearanceScale: 4,
  /** Cross-attention: logit penalty per unit of a slot's context presence (a new description prefers a free slot). */
  occupiedPenalty: 6,
  /** Cross-attention: logit penalty per unit of a slot's weight from other text tokens at the previous step. */
  takenPenalty: 16,
} as const;

/** How much of a token's key is written at a presence: full from 0.5 up, fading to nothing at 0. */
export function keyGate(presence: number): number {
  return Math.min(1, Math.max(0, 2 * presence));
}

/** Length of attention keys and queries: binding then appearance. */
export const KEY_SIZE = BINDING_SIZE + APPEARANCE_SIZE;

/**
 * Relative temporal factor of content logits (a RoPE-like long-range decay with a Gaussian envelope): about 1
 * inside the window, fading with distance in latent frames.
 */
export function temporalDecay(distance: number): number {
  const ratio = distance / attentionConstants.decayFrames;
  return Math.exp(-ratio * ratio);
}

/** The context flattened for one frame: keys, values advanced to the present, slots and temporal factors. */
export interface FlatContext {
  keys: Float32Array[];
  values: Float32Array[];
  slots: Int8Array;
  decay: Float32Array;
  /** Temporal factor of the presence channel (being on screen is evidence of now, not of who someone is). */
  recency: Float32Array;
  /** Key gate of each key (keyGate of its written presence): the slot embedding is scaled by it too. */
  gate: Float32Array;
  mentions: Array<string | null>;
  /** The context parts in order (`sink | bank | local`), each its keys `begin` .. `end - 1`: dense attention. */
  parts: KeyRange[];
  /** Every context frame in order, its keys `begin` .. `end - 1` and its temporal factor. */
  frames: Array<KeyRange & { decay: number }>;
  /** Mean key and mean key gate of each frame (by index in `frames`), computed when sparse activation asks. */
  frameMeans: Array<{ key: Float32Array; gate: number } | undefined>;
}

/** A run of consecutive keys of one context part (flat indices `begin` .. `end - 1`). */
export interface KeyRange {
  part: ContextFrame['part'];
  begin: number;
  end: number;
}

/** Flattens `sink | bank | local` for frame `index`: a value's walked position moves on by speed x distance. */
export function flattenContext(context: readonly ContextFrame[], index: number): FlatContext {
  let count = 0;
  for (const frame of context) count += frame.cache.length;
  const flat: FlatContext = {
    keys: new Array(count),
    values: new Array(count),
    slots: new Int8Array(count),
    decay: new Float32Array(count),
    recency: new Float32Array(count),
    gate: new Float32Array(count),
    mentions: new Array(count),
    parts: [],
    frames: [],
    frameMeans: [],
  };
  let position = 0;
  for (const frame of context) {
    const begin = position;
    const distance = index - frame.position;
    const decay = temporalDecay(distance);
    const recency = Math.exp(-distance / attentionConstants.presenceFrames);
    for (const token of frame.cache) {
      const value = token.value.slice();
      value[stateLayout.walked] = value[stateLayout.walked]! + value[stateLayout.speed]! * distance;
      flat.keys[position] = token.key;
      flat.values[position] = value;
      flat.slots[position] = token.slot;
      flat.decay[position] = decay;
      flat.recency[position] = recency;
      flat.gate[position] = keyGate(token.value[stateLayout.presence]!);
      flat.mentions[position] = token.mention;
      position += 1;
    }
    flat.frames.push({ part: frame.part, begin, end: position, decay });
    const last = flat.parts.at(-1);
    if (last?.part === frame.part) last.end = position;
    else flat.parts.push({ part: frame.part, begin, end: position });
  }
  return flat;
}

/**
 * Self-attention query of a slot (KEY_SIZE): its binding estimate scaled by `bindingScale`, then its noisy state's
 * appearance (centred) scaled by `appearanceScale`.
 */
export function contextQuery(
  binding: Float32Array,
  state: Float32Array,
  query = new Float32Array(KEY_SIZE),
): Float32Array {
  for (let entry = 0; entry < BINDING_SIZE; entry++)
    query[entry] = attentionConstants.bindingScale * binding[entry]!;
  for (let entry = 0; entry < APPEARANCE_SIZE; entry++)
    query[BINDING_SIZE + entry] = attentionConstants.appearanceScale * (state[entry]! - 0.5);
  return query;
}

/** Which keys a sparse attention pass reads, and which memory frames it kept. */
export interface MemoryActivation {
  /** The key runs to attend over, in context order. */
  ranges: KeyRange[];
  /** Indices (in `flat.frames`) of the sink and bank frames kept, in context order. */
  kept: number[];
  /** Routing score of every sink and bank frame, by index in `flat.frames` (undefined for local frames). */
  scores: Array<number | undefined>;
}

/**
 * Sparse memory activation (IAMFlow's `dynamic_topk_routing_attention`, also in MemFlow's code): the frame's
 * queries are pooled to their mean, every sink and bank frame's keys to theirs, and only the `topK` memory frames
 * with the highest score stay in the context, with the whole local window. The score is the mean query . mean key
 * of the frame times the frame's temporal factor, plus the slot-embedding term: because a logit is bilinear in query
 * and key, it equals the mean logit between the queries and that frame's keys (the null key aside). The engine has
 * one attention head, so one selection serves every slot query of the pass (the reference selects per head, shared
 * by all of the head's query tokens). Selection happens only when the bank holds frames and sink + bank has more
 * than `topK` frames; otherwise the dense ranges come back and nothing is scored. Each score is one counted dot
 * product; ties keep the earlier frame.
 *
 * @example
 * const flat = flattenContext(context, 40);
 * const { ranges, kept } = activateMemory(flat, queries, 3); // ranges: 3 memory frames + the local window
 */
export function activateMemory(
  flat: FlatContext,
  queries: readonly Float32Array[],
  topK: number | undefined,
): MemoryActivation {
  const memory: number[] = [];
  let bankFrames = 0;
  flat.frames.forEach((frame, index) => {
    if (frame.part === 'local') return;
    memory.push(index);
    bankFrames += Number(frame.part === 'bank');
  });
  const scores: Array<number | undefined> = new Array(flat.frames.length);
  if (topK === undefined || bankFrames === 0 || memory.length <= topK) {
    return { ranges: flat.parts, kept: memory, scores };
  }
  const span = workProfile.start('attention.routing');
  const meanQuery = new Float32Array(KEY_SIZE);
  for (const query of queries)
    for (let entry = 0; entry < KEY_SIZE; entry++) meanQuery[entry] = meanQuery[entry]! + query[entry]!;
  for (let entry = 0; entry < KEY_SIZE; entry++) meanQuery[entry] = meanQuery[entry]! / queries.length;
  for (const index of memory) {
    const means = frameMean(flat, index);
    const frame = flat.frames[index]!;
    // the slot term: each key matches exactly one of the pass's slot queries
    const slotTerm = (attentionConstants.slotScale * means.gate) / queries.length;
    scores[index] = frame.decay * (kernels.dot(meanQuery, means.key, KEY_SIZE) + slotTerm);
  }
  const ranked = [...memory].sort((a, b) => scores[b]! - scores[a]! || a - b);
  const kept = ranked.slice(0, topK).sort((a, b) => a - b);
  const ranges: KeyRange[] = [];
  for (const index of kept) {
    const { part, begin, end } = flat.frames[index]!;
    const last = ranges.at(-1);
    if (last?.part === part && last.end === begin) last.end = end;
    else ranges.push({ part, begin, end });
  }
  for (const range of flat.parts) if (range.part === 'local') ranges.push(range);
  workProfile.stop(span);
  return { ranges, kept, scores };
}

/** Mean key and mean key gate of a context frame, computed once per flattened context. */
function frameMean(flat: FlatContext, index: number): { key: Float32Array; gate: number } {
  const cached = flat.frameMeans[index];
  if (cached !== undefined) return cached;
  const { begin, end } = flat.frames[index]!;
  const key = new Float32Array(KEY_SIZE);
  let gate = 0;
  for (let token = begin; token < end; token++) {
    const source = flat.keys[token]!;
    for (let entry = 0; entry < KEY_SIZE; entry++) key[entry] = key[entry]! + source[entry]!;
    gate += flat.gate[token]!;
  }
  const count = Math.max(1, end - begin);
  for (let entry = 0; entry < KEY_SIZE; entry++) key[entry] = key[entry]! / count;
  const means = { key, gate: gate / count };
  flat.frameMeans[index] = means;
  return means;
}

/**
 * What self-attention returns for one slot query. Keep number fields out of it: this object is made millions of
 * times a run, and a number field here (the null key's weight, once) kept V8 re-generalising the object's shape,
 * which reset the function's optimisation ticks on every call: in a fresh worker thread `attendContext` then never
 * left the interpreter and a bench run generated 4x slower (bench/thread-parity.ts measures it).
 */
export interface SelfAttention {
  /** Attended state value (STATE_SIZE). */
  value: Float32Array;
  /** Attended binding (BINDING_SIZE). */
  binding: Float32Array;
  /** Mention label of the most attended key. */
  mention: string | null;
}

/** Work-profile part of each context part's self-attention. */
const attentionPart = { sink: 'attention.sink', bank: 'attention.bank', local: 'attention.local' } as const;

/** Scratch buffers of {@link attendContext}, grown when a context is longer (one thread, no reentry). */
const scratch = {
  query: new Float32Array(KEY_SIZE),
  logits: new Float32Array(64),
  weights: new Float32Array(64),
};

/**
 * Self-attention of slot `slot` over the context plus the null key. The query is the slot's current binding
 * estimate and its noisy state's appearance; logits are scaled by the temporal factor. `ranges` limits the keys
 * read (sparse memory activation, {@link activateMemory}); keys outside them are never touched. Default: all.
 */
export function attendContext(
  flat: FlatContext,
  slot: number,
  binding: Float32Array,
  state: Float32Array,
  fresh: Float32Array,
  ranges: readonly KeyRange[] = flat.parts,
): SelfAttention {
  const count = flat.keys.length;
  const query = contextQuery(binding, state, scratch.query);
  if (scratch.logits.length < count + 1) {
    scratch.logits = new Float32Array(2 * (count + 1));
    scratch.weights = new Float32Array(2 * (count + 1));
  }
  const { logits, weights } = scratch;
  const { keys, values, slots, decay, gate, recency } = flat;
  // logits, part by part (sink, bank, local), so the profile can time each part where its work happens
  let active = 0;
  for (const { part, begin, end } of ranges) {
    const span = workProfile.start(attentionPart[part]);
    for (let key = begin; key < end; key++) {
      const sameSlot = Number(slots[key] === slot) * gate[key]!;
      logits[active] =
        decay[key]! * (kernels.dot(query, keys[key]!, KEY_SIZE) + attentionConstants.slotScale * sameSlot);
      active += 1;
    }
    workProfile.stop(span);
  }
  const total = active;
  logits[total] = attentionConstants.nullLogit;
  softmaxInto(logits, weights, total + 1);
  const value = new Float32Array(STATE_SIZE);
  const attended = new Float32Array(BINDING_SIZE);
  const presenceEntry = stateLayout.presence;
  const nullWeight = weights[total]!;
  // the most attended key (the null key until a key weighs more)
  let strongest = -1;
  let strongestWeight = nullWeight;
  let presence = 0;
  active = 0;
  for (const { part, begin, end } of ranges) {
    const span = workProfile.start(attentionPart[part]);
    for (let key = begin; key < end; key++) {
      const weight = weights[active]!;
      active += 1;
      const source = values[key]!;
      for (let entry = 0; entry < STATE_SIZE; entry++) value[entry] = value[entry]! + weight * source[entry]!;
      const here = Number(slots[key] === slot);
      const local = weight * (here + (1 - here) * attentionConstants.crossSlot);
      presence += local * recency[key]! * source[presenceEntry]!;
      const stored = keys[key]!;
      for (let entry = 0; entry < BINDING_SIZE; entry++)
        attended[entry] = attended[entry]! + local * stored[entry]!;
      if (weight > strongestWeight) {
        strongest = key;
        strongestWeight = weight;
      }
    }
    workProfile.stop(span);
  }
  for (let entry = 0; entry < STATE_SIZE; entry++) value[entry] = value[entry]! + nullWeight * fresh[entry]!;
  value[presenceEntry] = presence + nullWeight * fresh[presenceEntry]!;
  return {
    value,
    binding: attended,
    mention: strongest < 0 ? null : (flat.mentions[strongest] ?? null),
  };
}

/** Cross-attention outputs of one slot, summed over text tokens and sources (each weighted). */
export interface CrossAttention {
  /** Total text weight on the slot (its claim), summed over sources. */
  claim: number;
  /** Sum of weight x mask per appearance entry, and of weight x mask x spec. */
  maskWeight: Float32Array;
  specWeight: Float32Array;
  /** The same for motion (speed, sit, presence, turn). */
  motionMaskWeight: Float32Array;
  motionWeight: Float32Array;
  /** Sum of weight x mention binding. */
  binding: Float32Array;
  /** The mention with the largest weight on this slot and that weight. */
  mention: string | null;
  mentionWeight: number;
  /** Weight of each text token (all sources in order) on this slot. */
  tokenWeights: Float32Array;
}

/**
 * Cross-attention of all slots over the text tokens of each source. Text tokens compete for slots: each token's
 * logits are normalised over the slots (slot-attention style), so one description settles on one figure. Slot
 * queries are the slot's binding state and its noisy appearance; a slot already occupied in context
 * pays a penalty unless its binding matches.
 */
export function attendText(
  sources: readonly TextSource[],
  bindings: readonly Float32Array[],
  states: readonly Float32Array[],
  presences: ArrayLike<number>,
  previous?: readonly CrossAttention[],
): CrossAttention[] {
  const span = workProfile.start('attention.text');
  const tokenCount = sources.reduce((sum, source) => sum + source.tokens.length, 0);
  const outputs = Array.from(
    { length: SLOTS },
    (): CrossAttention => ({
      claim: 0,
      maskWeight: new Float32Array(APPEARANCE_SIZE),
      specWeight: new Float32Array(APPEARANCE_SIZE),
      motionMaskWeight: new Float32Array(MOTION_SIZE),
      motionWeight: new Float32Array(MOTION_SIZE),
      binding: new Float32Array(BINDING_SIZE),
      mention: null,
      mentionWeight: 0,
      tokenWeights: new Float32Array(tokenCount),
    }),
  );
  const queries = bindings.map((binding, slot) => {
    const query = new Float32Array(KEY_SIZE);
    for (let entry = 0; entry < BINDING_SIZE; entry++)
      query[entry] = attentionConstants.textBindingScale * binding[entry]!;
    const scale = attentionConstants.textAppearanceScale;
    for (let entry = 0; entry < APPEARANCE_SIZE; entry++)
      query[BINDING_SIZE + entry] = scale * (states[slot]![entry]! - 0.5);
    return query;
  });
  const logits = new Float32Array(SLOTS);
  const weights = new Float32Array(SLOTS);
  let tokenIndex = -1;
  for (const source of sources) {
    for (const token of source.tokens) {
      tokenIndex += 1;
      for (let slot = 0; slot < SLOTS; slot++) {
        // A slot is less attractive when it is already occupied in context or was taken by other text tokens
        // at the previous step.
        const taken =
          previous === undefined ? 0 : previous[slot]!.claim - previous[slot]!.tokenWeights[tokenIndex]!;
        logits[slot] =
          kernels.dot(queries[slot]!, token.key, KEY_SIZE) -
          attentionConstants.occupiedPenalty * presences[slot]! -
          attentionConstants.takenPenalty * taken;
      }
      softmaxInto(logits, weights, SLOTS);
      for (let slot = 0; slot < SLOTS; slot++) {
        const weight = source.weight * weights[slot]!;
        const output = outputs[slot]!;
        output.claim += weight;
        output.tokenWeights[tokenIndex] = weight;
        for (let entry = 0; entry < APPEARANCE_SIZE; entry++) {
          const masked = weight * token.mask[entry]!;
          output.maskWeight[entry] = output.maskWeight[entry]! + masked;
          output.specWeight[entry] = output.specWeight[entry]! + masked * token.spec[entry]!;
        }
        for (let entry = 0; entry < MOTION_SIZE; entry++) {
          const masked = weight * token.motionMask[entry]!;
          output.motionMaskWeight[entry] = output.motionMaskWeight[entry]! + masked;
          output.motionWeight[entry] = output.motionWeight[entry]! + masked * token.motion[entry]!;
        }
        for (let entry = 0; entry < BINDING_SIZE; entry++)
          output.binding[entry] = output.binding[entry]! + weight * token.binding[entry]!;
        output.mention = weight > output.mentionWeight ? token.mention : output.mention;
        output.mentionWeight = Math.max(output.mentionWeight, weight);
      }
    }
  }
  workProfile.stop(span);
  return outputs;
}
