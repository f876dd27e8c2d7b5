import { iamflowDefaults } from './iamflow-defaults.js';

/** An entity as the reference's weighting sees it: its mention as written and its attribute phrases. */
export interface KeywordEntity {
  /** The mention the extractor returned ("the old woman", "Olga"). */
  mention: string;
  /** Attribute phrases ("white bun"). */
  attrs: readonly string[];
}

/**
 * Where the reference's slot weights land. `faithful`: on the 512 text slots of Wan's T5 encoder, so that a
 * keyword's character ratio is mapped onto slots that, for a prompt shorter than 512 tokens, are mostly padding
 * (an artefact: the weighting then misses the prompt's real tokens). `fixed`: the same rule over the prompt's real
 * tokens only.
 */
export type SlotMode = 'faithful' | 'fixed';

/** Number of text slots the weights cover for a prompt of `tokens` real tokens. */
export function slotCount(mode: SlotMode, tokens: number): number {
  return mode === 'faithful' ? iamflowDefaults.referenceTextSlots : tokens;
}

const truncate = (value: number): number => Math.trunc(value);

/**
 * The reference's entity token weights over `slots` text slots (memory_bank.py:718-785): all ones without
 * entities; each mention and attribute found in the prompt (first occurrence, case-insensitive) marks the slots
 * `[int((start/len - 0.02) * slots), int((end/len + 0.02) * slots))` with at least 2.5; when no keyword is found
 * (or there is no text), slots `[int(0.10 * slots), int(0.85 * slots))` get 1.5 and nothing else changes; otherwise
 * slots before `int(0.08 * slots)` still at 1.0 become 0.7 and slots from `int(0.92 * slots)` still at 1.0 become 0.5.
 *
 * @example
 * referenceEntityWeights([{ mention: 'nora', attrs: [] }], 10, 'On a pier nora waves.')
 * // [1, 1, 1, 1, 2.5, 2.5, 1, 1, 1, 0.5]
 */
export function referenceEntityWeights(
  entities: readonly KeywordEntity[],
  slots: number,
  text: string,
): number[] {
  const weights = new Array<number>(slots).fill(1);
  if (entities.length === 0) return weights;
  const fallback = (): number[] => {
    const [from, to] = iamflowDefaults.fallbackSpan;
    for (let slot = truncate(slots * from); slot < truncate(slots * to); slot += 1)
      weights[slot] = iamflowDefaults.fallbackTokenWeight;
    return weights;
  };
  if (text.length === 0) return fallback();
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  const find = (phrase: string): void => {
    const needle = phrase.toLowerCase();
    const position = lower.indexOf(needle);
    if (position !== -1) ranges.push([position / text.length, (position + needle.length) / text.length]);
  };
  for (const entity of entities) {
    find(entity.mention);
    for (const attr of entity.attrs) find(attr);
  }
  if (ranges.length === 0) return fallback();
  const margin = iamflowDefaults.spanMargin;
  for (const [start, end] of ranges) {
    const from = Math.max(0, truncate((start - margin) * slots));
    const to = Math.min(slots, truncate((end + margin) * slots));
    for (let slot = from; slot < to; slot += 1)
      weights[slot] = Math.max(weights[slot]!, iamflowDefaults.entityTokenWeight);
  }
  const base = iamflowDefaults.baseTokenWeight;
  const headEnd = truncate(slots * iamflowDefaults.sceneHeadFraction);
  const tailStart = truncate(slots * iamflowDefaults.cameraTailFraction);
  for (let slot = 0; slot < Math.min(headEnd, slots); slot += 1)
    if (weights[slot] === base) weights[slot] = iamflowDefaults.sceneHeadWeight;
  for (let slot = Math.max(0, tailStart); slot < slots; slot += 1)
    if (weights[slot] === base) weights[slot] = iamflowDefaults.cameraTailWeight;
  return weights;
}

/**
 * The reference's prompt-mode token weights (memory_bank.py:787-804): all ones up to 4 slots; otherwise 0.7 before
 * `int(0.08 * slots)`, 1.2 up to `int(0.92 * slots)`, 0.5 after.
 */
export function referencePromptWeights(slots: number): number[] {
  const weights = new Array<number>(slots).fill(1);
  if (slots <= iamflowDefaults.promptMinSlots) return weights;
  const bodyStart = truncate(slots * iamflowDefaults.sceneHeadFraction);
  const bodyEnd = truncate(slots * iamflowDefaults.cameraTailFraction);
  for (let slot = 0; slot < slots; slot += 1) {
    if (slot < bodyStart) weights[slot] = iamflowDefaults.sceneHeadWeight;
    else if (slot < bodyEnd) weights[slot] = iamflowDefaults.promptBodyWeight;
    else weights[slot] = iamflowDefaults.cameraTailWeight;
  }
  return weights;
}
