import type { Script } from '../../script/script.js';

/**
 * `count` scripts spread over the suite's dimensions: the first script of each dimension in suite order, then the
 * second of each, and so on (6 scripts of the 324-script suite = one per dimension).
 */
export function selectSpeedScripts(scripts: readonly Script[], count: number): Script[] {
  const byDimension = new Map<string, Script[]>();
  for (const script of scripts) {
    const dimension = script.dimension ?? '';
    byDimension.set(dimension, [...(byDimension.get(dimension) ?? []), script]);
  }
  const selected: Script[] = [];
  for (let round = 0; selected.length < count; round++) {
    const next = [...byDimension.values()].flatMap((list) => (list[round] ? [list[round]] : []));
    if (next.length === 0) break;
    selected.push(...next.slice(0, count - selected.length));
  }
  return selected;
}
