import { resizeFrame } from '../../frame/resize-frame.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import { APPEARANCE_SIZE } from './appearance.js';
import { attentionConstants } from './attention.js';
import type { Conditioning, TextToken } from './conditioning.js';
import { createDecoder } from './decoder.js';
import { encodeFigures, frameWith } from './encode-figures.js';
import { encodeScene } from './encode-scene.js';
import { type LatentFrame, SLOTS, type SlotToken, stateLayout } from './tokens.js';
import { BINDING_SIZE } from './weights.js';

/**
 * The miniature engine's image encoder (its "VAE encoder"): pixels back to a latent frame's scene token and
 * figure slot tokens, by analysis through its own decoder (encode-scene.ts, encode-figures.ts). The result has
 * no text binding yet (zero binding vectors, no mention): `bindEncodedFigures` binds it to a text.
 * An image of another size is first scaled to the engine's frame size.
 *
 * @example
 * const decoded = decoder.decode(frame, 0);
 * const encoded = encodeImageTokens(decoded, { width: 480, height: 270, videoFramesPerLatent: 4 });
 */
/** Frames wider than this are fitted at half size. */
const HALF_SIZE_ABOVE = 320;
export function encodeImageTokens(
  image: VideoFrame,
  size: { width: number; height: number; videoFramesPerLatent: number },
): Pick<LatentFrame, 'scene' | 'slots'> {
  // Every decoder quantity is a fraction of the frame, so a half-size fit reads the same tokens, 4x cheaper.
  const scale = size.width > HALF_SIZE_ABOVE ? 2 : 1;
  const [width, height] = [Math.round(size.width / scale), Math.round(size.height / scale)];
  const fitted = resizeFrame(image, width, height);
  const decoder = createDecoder(width, height, size.videoFramesPerLatent);
  const scene = encodeScene(fitted, decoder);
  const figures = encodeFigures(fitted, scene, decoder);
  // Slots are spatial tokens: a figure goes to the free slot whose home position (generator.ts) is nearest.
  const homes = Array.from({ length: SLOTS }, (_, slot) => 0.1 + (0.8 * (slot + 0.5)) / SLOTS);
  const order = figures
    .map((_, index) => index)
    .sort((a, b) => figures[a]![stateLayout.walked]! - figures[b]![stateLayout.walked]!);
  const placed: Float32Array[] = new Array(SLOTS);
  const free = new Set(homes.keys());
  for (const index of order) {
    const walked = figures[index]![stateLayout.walked]!;
    const slot = [...free].reduce((best, next) =>
      Math.abs(homes[next]! - walked) < Math.abs(homes[best]! - walked) ? next : best,
    );
    free.delete(slot);
    placed[slot] = figures[index]!;
  }
  const frame = frameWith(scene, []);
  placed.forEach((state, slot) => {
    if (state) frame.slots[slot]!.state = state;
  });
  return { scene: frame.scene, slots: frame.slots };
}

/**
 * The encoder's text binding: each person mention of the text is spread over the image's present figures by a
 * softmax of its stated look against theirs (the cross-attention logits of attention.ts, without the empty-slot
 * preference a generated frame needs), and the figures take the weighted mention bindings. Absent slots stay
 * unbound. Without a mention the figures stay unbound.
 */
export function bindEncodedFigures(slots: SlotToken[], tokens: readonly TextToken[]): void {
  const present = slots.filter((slot) => slot.state[stateLayout.presence]! > 0.5);
  const weights = present.map(() => new Float32Array(tokens.length));
  tokens.forEach((token, index) => {
    const logits = present.map((slot) => {
      let logit = 0;
      for (let entry = 0; entry < APPEARANCE_SIZE; entry++)
        logit +=
          attentionConstants.textAppearanceScale *
          (slot.state[entry]! - 0.5) *
          token.key[BINDING_SIZE + entry]!;
      return logit;
    });
    const top = Math.max(...logits);
    const exps = logits.map((logit) => Math.exp(logit - top));
    const total = exps.reduce((sum, value) => sum + value, 0);
    exps.forEach((value, slot) => {
      weights[slot]![index] = value / total;
    });
  });
  present.forEach((slot, position) => {
    const binding = new Float32Array(BINDING_SIZE);
    let strongest = -1;
    tokens.forEach((token, index) => {
      const weight = weights[position]![index]!;
      for (let entry = 0; entry < BINDING_SIZE; entry++)
        binding[entry] = binding[entry]! + weight * token.binding[entry]!;
      if (strongest < 0 || weight > weights[position]![strongest]!) strongest = index;
    });
    let norm = 0;
    for (const value of binding) norm += value * value;
    const scale = 1 / Math.max(1, Math.sqrt(norm));
    slot.binding = binding.map((value) => value * scale);
    slot.mention = strongest < 0 ? null : tokens[strongest]!.mention;
  });
}

/**
 * An encoded image as a latent frame at `index`, bound to the conditioning's prompt: the scene takes the prompt's
 * setting binding, the figures the mentions' bindings ({@link bindEncodedFigures}). Its cache is still empty: the
 * caller runs the context pass. The tokens are copied, so one encoding serves several frames.
 */
export function imageLatentFrame(
  tokens: Pick<LatentFrame, 'scene' | 'slots'>,
  conditioning: Conditioning,
  index: number,
): LatentFrame {
  // the target prompt (the last source): the one a soft transition moves to
  const source = conditioning.sources[conditioning.sources.length - 1]!;
  const frame: LatentFrame = {
    index,
    prompt: conditioning.promptText,
    scene: { ...tokens.scene, state: tokens.scene.state.slice(), binding: source.settingBinding.slice() },
    slots: tokens.slots.map((slot) => ({
      ...slot,
      state: slot.state.slice(),
      binding: slot.binding.slice(),
    })),
    cache: [],
  };
  bindEncodedFigures(frame.slots, source.tokens);
  return frame;
}
