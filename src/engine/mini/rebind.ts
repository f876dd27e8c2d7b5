import { APPEARANCE_SIZE } from './appearance.js';
import type { PromptAnalysis } from './text-encoder.js';
import type { FigureToken, LatentFrame } from './tokens.js';
import { BINDING_SIZE, dot, normalize, projectKey, WORD_DIMENSION } from './weights.js';

/** Constants of the recache pass: how readily an on-screen figure is re-read as a mention of the new prompt. */
export const rebindConstants = {
  /** Scale of binding similarity. */
  bindingScale: 10,
  /** Scale of stated-attribute agreement. */
  appearanceScale: 6,
  /** Bonus when the kind features agree (woman / she), penalty scale when they conflict (woman / he). */
  kindAgree: 3,
  kindConflict: 10,
  /** Prior that an on-screen figure is one the new prompt talks about. */
  prior: 3.5,
  /** Logit of "the new prompt does not mention this figure". */
  nullLogit: 3,
} as const;

/**
 * Re-runs a latent frame's context pass under a new prompt (recache): each figure cross-attends to the new
 * prompt's mentions; greedy one-to-one assignment over logits above the null. Bound figures' keys now carry the
 * new mention's words; unbound ones are marked as not called for, so they are not continued. Appearance is
 * untouched: only keys change.
 */
export function rebindFrame(
  frame: LatentFrame,
  analysis: PromptAnalysis,
  localFrames: number,
): { frame: LatentFrame; attentionOps: number } {
  const pairs: Array<{ figure: number; mention: number; logit: number }> = [];
  frame.figures.forEach((figure, figureIndex) => {
    analysis.mentions.forEach((mention, mentionIndex) => {
      const logit = rebindLogit(figure, mention.binding, mention.spec, mention.mask);
      if (logit > rebindConstants.nullLogit)
        pairs.push({ figure: figureIndex, mention: mentionIndex, logit });
    });
  });
  pairs.sort((first, second) => second.logit - first.logit);
  const figureTaken = new Map<number, number>();
  const mentionTaken = new Set<number>();
  for (const pair of pairs) {
    if (figureTaken.has(pair.figure) || mentionTaken.has(pair.mention)) continue;
    figureTaken.set(pair.figure, pair.mention);
    mentionTaken.add(pair.mention);
  }
  const figures = frame.figures.map((figure, index): FigureToken => {
    const mentionIndex = figureTaken.get(index);
    if (mentionIndex === undefined) {
      return { ...figure, keyPrompt: analysis.text, unbound: localFrames };
    }
    const mention = analysis.mentions[mentionIndex]!;
    const binding = new Float32Array(BINDING_SIZE);
    for (let entry = 0; entry < BINDING_SIZE; entry++)
      binding[entry] = mention.binding[entry]! + 0.5 * figure.binding[entry]!;
    return { ...figure, binding: normalize(binding), keyPrompt: analysis.text, unbound: 0 };
  });
  const attentionOps = (frame.figures.length + 1) * (analysis.mentions.length + 1 + analysis.tokens.length);
  return { frame: { ...frame, figures }, attentionOps };
}

function rebindLogit(
  figure: FigureToken,
  binding: Float32Array,
  spec: Float32Array,
  mask: Float32Array,
): number {
  let stated = 0;
  for (let entry = 0; entry < APPEARANCE_SIZE; entry++) {
    if (mask[entry]! > 0) stated += (spec[entry]! - 0.5) * (figure.appearance[entry]! - 0.5);
  }
  const kind = (vector: Float32Array, offset: number) => vector[WORD_DIMENSION + offset]!;
  const agree = kind(figure.binding, 0) * kind(binding, 0) + kind(figure.binding, 1) * kind(binding, 1);
  const conflict = kind(figure.binding, 0) * kind(binding, 1) + kind(figure.binding, 1) * kind(binding, 0);
  return (
    rebindConstants.bindingScale * dot(figure.binding, binding) +
    rebindConstants.appearanceScale * stated +
    rebindConstants.kindAgree * agree -
    rebindConstants.kindConflict * conflict +
    rebindConstants.prior
  );
}

/** Pooled keys of a latent frame for memory scoring: the scene key, then one key per figure. */
export function frameKeys(frame: LatentFrame): Float32Array[] {
  return [projectKey(frame.scene.binding), ...frame.figures.map((figure) => projectKey(figure.binding))];
}
