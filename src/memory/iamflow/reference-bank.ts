import type { Registry, RegistryEntity } from '../../entities/registry.js';
import type { CharacterReferenceImage, PolicyEngine, PolicyReferences } from '../policy.js';
import type { IamflowEvent } from './iamflow-events.js';

/** Reference frames at most per segment: the rest of the bank budget stays with the ID memory. */
export const MAX_REFERENCE_FRAMES = 3;
const START_ID = 'iamflow-ref:start';

/**
 * The user's pictures in IAMFlow's bank (docs/references.md). When the LLM agent resolves a segment's mention to
 * a character that has a reference (matched by name, else by its description), the reference is encoded by the
 * engine (`encodeImage`, bound to the character's name and description, at the segment's first frame) and goes
 * first in the bank for that segment, ahead of the ID memory frames, within the same budget. The start image
 * reaches the policy only when the engine cannot start a video from it (no `info.imageToVideo`; run-script gives it to
 * the engine's chunk 0 otherwise, for every policy): then it is in the bank for the first segment, so the first chunk
 * (the engine's sink) is made with it in context.
 */
export interface ReferenceBank {
  /** Resolves and encodes the references of a segment's entities; returns the store ids for its bank. */
  startSegment(input: {
    chunk: number;
    segment: number;
    startFrame: number;
    registry: Registry;
    ids: readonly number[];
  }): Promise<void>;
  /** The bank: this segment's reference frames, then the memory frames, at most `budget` in all. */
  compose(memory: readonly string[], budget: number): string[];
  /** Position (latent frame) of a reference frame, for bank events; undefined for other ids. */
  frameOf(id: string): number | undefined;
  /** Entity id -> reference key, as resolved so far (for run.json). */
  resolved(): Record<string, string>;
}

/** Creates the reference bank of one run (inert when the run has no references or the engine cannot encode). */
export function createReferenceBank(
  engine: PolicyEngine,
  references: PolicyReferences | undefined,
  emit: (event: IamflowEvent) => void,
): ReferenceBank {
  const byEntity = new Map<number, CharacterReferenceImage>();
  const positions = new Map<string, number>();
  let current: string[] = [];
  const encode = engine.encodeImage;
  const usable = encode !== undefined && references !== undefined;
  return {
    async startSegment({ chunk, segment, startFrame, registry, ids }) {
      current = [];
      if (!usable) return;
      if (segment === 0 && references.startImage) {
        await encode({ image: references.startImage, id: START_ID, position: 0 });
        positions.set(START_ID, 0);
        current.push(START_ID);
        emit({
          type: 'reference-encode',
          chunk,
          id: START_ID,
          reference: 'start',
          matchedBy: 'start',
          text: '',
          frame: 0,
        });
      }
      for (const id of ids) {
        const entity = registry.entities.find((candidate) => candidate.id === id);
        if (!entity) continue;
        const taken = new Set([...byEntity.values()].map((reference) => reference.key));
        const known = byEntity.get(id);
        const match = known
          ? { reference: known, by: 'name' as const }
          : matchReference(
              entity,
              references.characters.filter((reference) => !taken.has(reference.key)),
            );
        if (!match || current.length >= MAX_REFERENCE_FRAMES) continue;
        byEntity.set(id, match.reference);
        const storeId = `iamflow-ref:${match.reference.key}`;
        const text = referenceText(match.reference, entity);
        await encode({ image: match.reference.image, id: storeId, text, position: startFrame });
        positions.set(storeId, startFrame);
        current.push(storeId);
        emit({
          type: 'reference-encode',
          chunk,
          id: storeId,
          reference: match.reference.key,
          entityId: id,
          matchedBy: match.by,
          text,
          frame: startFrame,
        });
      }
    },
    compose(memory, budget) {
      const rest = memory.filter((id) => !current.includes(id));
      return [...current, ...rest].slice(0, Math.max(budget, current.length));
    },
    frameOf: (id) => positions.get(id),
    resolved: () =>
      Object.fromEntries([...byEntity.entries()].map(([id, reference]) => [String(id), reference.key])),
  };
}

/** The text an encoded reference is bound to: the name, then its description or the agent's attributes. */
function referenceText(reference: CharacterReferenceImage, entity: RegistryEntity): string {
  const look = reference.description ?? (entity.attrs.length > 0 ? `with ${entity.attrs.join(', ')}` : '');
  return look ? `${reference.name}, ${look}` : reference.name;
}

const words = (text: string) => text.toLowerCase().match(/[a-z0-9'-]+/g) ?? [];

/**
 * The reference an entity resolves to: the one whose name is the entity's proper name or one of its mentions;
 * else the one whose description holds the entity's kind word and the most of its attribute phrases (every word
 * of a phrase present), at least one.
 */
export function matchReference(
  entity: Pick<RegistryEntity, 'properName' | 'mentions' | 'attrs' | 'kind' | 'name'>,
  references: readonly CharacterReferenceImage[],
): { reference: CharacterReferenceImage; by: 'name' | 'description' } | undefined {
  const names = [entity.properName, entity.name, ...entity.mentions]
    .filter((name): name is string => name !== undefined)
    .map((name) => words(name).join(' '));
  const named = references.find((reference) => names.includes(words(reference.name).join(' ')));
  if (named) return { reference: named, by: 'name' };
  let best: { reference: CharacterReferenceImage; score: number } | undefined;
  for (const reference of references) {
    if (!reference.description) continue;
    const described = new Set(words(reference.description));
    if (entity.kind !== 'person' && !described.has(entity.kind)) continue;
    const score = entity.attrs.filter((attr) => words(attr).every((word) => described.has(word))).length;
    if (score > 0 && (!best || score > best.score)) best = { reference, score };
  }
  return best && { reference: best.reference, by: 'description' };
}
