import type { VerifyCorrection } from '../../agents/vlm/frame-verifier.js';
import { applyCorrection, cloneRegistry, findEntity, type Registry } from '../../entities/registry.js';

/** One attribute change a correction made. */
export interface AttributeChange {
  id: number;
  attrs: string[];
  before: string[];
  after: string[];
}

/**
 * Applies a verifier's corrections. `replace` (the reference, memory_bank.py:509-531): the list replaces the whole
 * attribute list of any registered ID. `same-slot` (ours): replaces the attribute of the same slot, for the
 * segment's IDs only. A correction that changes nothing is not a change.
 */
export function correctRegistry(
  registry: Registry,
  corrections: readonly VerifyCorrection[],
  options: { mode: 'replace' | 'same-slot'; segmentIds: readonly number[] },
): { registry: Registry; changes: AttributeChange[] } {
  let current = registry;
  const changes: AttributeChange[] = [];
  for (const correction of corrections) {
    const before = findEntity(current, correction.id);
    if (!before) continue;
    let next: Registry;
    if (options.mode === 'replace') {
      next = cloneRegistry(current);
      findEntity(next, correction.id)!.attrs = correction.attrs.filter((attr) => attr.trim() !== '');
    } else {
      if (!options.segmentIds.includes(correction.id)) continue;
      next = applyCorrection(current, correction);
    }
    const after = findEntity(next, correction.id)!;
    if (after.attrs.length === 0 || after.attrs.join('|') === before.attrs.join('|')) continue;
    changes.push({
      id: correction.id,
      attrs: [...correction.attrs],
      before: [...before.attrs],
      after: [...after.attrs],
    });
    current = next;
  }
  return { registry: current, changes };
}
