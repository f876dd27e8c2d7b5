import type { VerifyCorrection } from '../frame-verifier.js';
import { type FrameReading, readAttributeColor } from './read-frame.js';

/** Thresholds of `proposeCorrections`. */
export interface CorrectionRules {
  /** Frames in which the entity must clearly match. Default 3 (all sampled frames). */
  minFrames: number;
  /** Attributes that must match for a clear match; colour reading misfires, so two. Default 2. */
  minMatched: number;
}

/**
 * Corrections from clear evidence only: in at least `minFrames` frames the entity's figure matches at least half
 * of its checkable attributes (and at least `minMatched`), while an attribute placed in a region (hair, top, bottom,
 * outerwear, hat) fails, and every such frame reads the same other colour there. The correction names that
 * colour with the attribute's head word ("green coat").
 */
export function proposeCorrections(
  readings: readonly FrameReading[],
  rules: CorrectionRules = { minFrames: 3, minMatched: 2 },
): VerifyCorrection[] {
  const ids = readings[0]?.entities.map((entity) => entity.id) ?? [];
  const corrections: VerifyCorrection[] = [];
  for (const id of ids) {
    const clear = readings
      .map((reading) => reading.entities.find((entity) => entity.id === id))
      .filter((entity) => {
        if (!entity?.figure) return false;
        const matched = entity.checks.filter((check) => check.matched).length;
        return matched >= rules.minMatched && matched * 2 >= entity.checks.length;
      });
    if (clear.length < rules.minFrames) continue;
    const attrs: string[] = [];
    for (const check of clear[0]!.checks) {
      const { attribute } = check;
      if (check.matched || !['hair', 'top', 'bottom', 'outerwear', 'hat'].includes(attribute.slot)) continue;
      const colors = clear.map((entity) => {
        const same = entity!.checks.find((other) => other.attribute.phrase === attribute.phrase);
        return same && !same.matched ? readAttributeColor(entity!.figure!, attribute) : undefined;
      });
      const color = colors[0];
      if (color === undefined || colors.some((other) => other !== color)) continue;
      if (color === (attribute.hairColor ?? attribute.color)) continue;
      attrs.push(`${color} ${attribute.word}`);
    }
    if (attrs.length > 0) corrections.push({ id, attrs });
  }
  return corrections;
}
