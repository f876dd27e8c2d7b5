import { APPEARANCE_SIZE } from './appearance.js';
import { SETTING_WORDS } from './lexicon.js';
import type { CameraWord } from './motion-words.js';
import type { PromptAnalysis } from './text-encoder.js';
import { BINDING_SIZE } from './weights.js';

/** Entries of a text token's motion value: speed, sit, presence, turn. */
export const MOTION_SIZE = 4;

/**
 * One person text token for cross-attention. Key = [query, mask * (spec - 0.5)]; values = the binding written
 * into the figure's key, the stated appearance and motion, each with the mask of what the text states.
 */
export interface TextToken {
  mention: string;
  /** BINDING_SIZE + APPEARANCE_SIZE entries. */
  key: Float32Array;
  binding: Float32Array;
  spec: Float32Array;
  mask: Float32Array;
  /** speed, sit, presence, turn (MOTION_SIZE). */
  motion: Float32Array;
  motionMask: Float32Array;
}

/** The text of one prompt as the generator's cross-attention sees it. */
export interface TextSource {
  /** Weight of this prompt's cross-attention output: 1, or (1 - alpha) / alpha in a soft transition. */
  weight: number;
  tokens: TextToken[];
  setting: string | null;
  /** Binding of the setting word (zero when none). */
  settingBinding: Float32Array;
  camera: CameraWord;
}

/** What conditions a chunk: one text source, or two blended. */
export interface Conditioning {
  /** Prompt text recorded on the frames. */
  promptText: string;
  sources: TextSource[];
}

/** Builds a prompt's text source with the given cross-attention weight. */
export function textSource(analysis: PromptAnalysis, weight: number): TextSource {
  const tokens = analysis.mentions.map((mention): TextToken => {
    const key = new Float32Array(BINDING_SIZE + APPEARANCE_SIZE);
    key.set(mention.query);
    for (let entry = 0; entry < APPEARANCE_SIZE; entry++)
      key[BINDING_SIZE + entry] = mention.mask[entry]! * (mention.spec[entry]! - 0.5);
    const { speed, sit, presence, turn } = mention.motion;
    return {
      mention: mention.text,
      key,
      binding: mention.binding,
      spec: mention.spec,
      mask: mention.mask,
      motion: Float32Array.of(speed ?? 0, sit ?? 0, presence ?? 1, turn ? 1 : 0),
      motionMask: Float32Array.of(speed === undefined ? 0 : 1, sit === undefined ? 0 : 1, 1, turn ? 1 : 0),
    };
  });
  const index = analysis.tokens.findIndex((token) => SETTING_WORDS.get(token.lower) === analysis.setting);
  return {
    weight,
    tokens,
    setting: analysis.setting,
    settingBinding: analysis.tokenVectors[index]?.slice() ?? new Float32Array(BINDING_SIZE),
    camera: analysis.camera,
  };
}

/** Conditioning of a chunk: the prompt alone, or `from` and the prompt weighted (1 - alpha, alpha). */
export function conditionOn(
  target: PromptAnalysis,
  blend: { from: PromptAnalysis; alpha: number } | undefined,
): Conditioning {
  if (blend === undefined) return { promptText: target.text, sources: [textSource(target, 1)] };
  const alpha = Math.min(1, Math.max(0, blend.alpha));
  return {
    promptText: target.text,
    sources: [textSource(blend.from, 1 - alpha), textSource(target, alpha)],
  };
}
