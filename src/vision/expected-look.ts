import type { CharacterAnnotation } from '../script/annotation-schema.js';
import { type AttributeSlot, type ParsedAttribute, parseAttribute } from './parse-attribute.js';

/** Slots where a new value replaces the old one; others (`other`) accumulate. */
const exclusive: ReadonlySet<AttributeSlot> = new Set([
  'hair', 'top', 'bottom', 'outerwear', 'hat', 'glasses', 'scarf', 'bag', 'umbrella', 'build', 'age',
]); // biome-ignore format: word list

/**
 * A character's expected attributes at a prompt (0-based): its `attrs`, then every `changes` entry whose
 * 1-based prompt number is at most `promptIndex + 1`, in order, each replacing the attribute of the same slot.
 *
 * @example
 * expectedLook({ aliases: [], attrs: ['gray scarf'], changes: { '2': ['blue scarf'] } }, 1) // [blue scarf]
 */
export function expectedLook(annotation: CharacterAnnotation, promptIndex: number): ParsedAttribute[] {
  let look = annotation.attrs.map(parseAttribute);
  const steps = Object.entries(annotation.changes ?? {})
    .map(([prompt, phrases]) => [Number(prompt), phrases] as const)
    .filter(([prompt]) => Number.isFinite(prompt) && prompt <= promptIndex + 1)
    .sort((a, b) => a[0] - b[0]);
  for (const [, phrases] of steps) {
    for (const attribute of phrases.map(parseAttribute)) {
      look = look.filter(
        (item) =>
          !(exclusive.has(item.slot) && item.slot === attribute.slot) && item.phrase !== attribute.phrase,
      );
      look.push(attribute);
    }
  }
  return look;
}

/** The slots whose expected attribute differs between two prompts (for conditional consistency). */
export function changedSlots(annotation: CharacterAnnotation, from: number, to: number): Set<AttributeSlot> {
  const before = new Map(expectedLook(annotation, from).map((item) => [item.slot, item.phrase]));
  const after = new Map(expectedLook(annotation, to).map((item) => [item.slot, item.phrase]));
  const changed = new Set<AttributeSlot>();
  for (const slot of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(slot) !== after.get(slot)) changed.add(slot);
  }
  return changed;
}
