import { mergeAttributes } from '../entities/registry-vocabulary.js';
import { iamflowDefaults } from '../memory/iamflow/iamflow-defaults.js';
import { memoryStateFromJSON, type VerificationRecord } from '../memory/iamflow/memory-state.js';
import { eventsOfType } from '../memory/memory-event.js';
import type { RunJson } from '../pipeline/run-json.js';
import {
  type Character,
  type CharacterCrop,
  type CharacterSheet,
  characterSheetVersion,
} from './character-sheet.js';

/** Settings of {@link buildCharacterSheet}. */
export interface CharacterSheetSettings {
  /** Most crops per character. Default 4. */
  maxCrops?: number;
  /** Video frames of a chunk the verifier sampled, by sample index. Default the iamflow policy's `[0, 4, 8]`. */
  sampleFrames?: readonly number[];
}

/**
 * Builds the character sheet of a run from run.json alone: the iamflow policy's registry, its verification
 * records (scores, sightings, boxes) and its correction events. Policies without a registry give an empty sheet.
 * Pure. Crops are chosen best score first, one per segment before a second from any segment.
 *
 * @example
 * const sheet = buildCharacterSheet(runJson);
 * sheet.characters[0]?.crops[0] // { chunk: 4, segment: 0, videoFrame: 48, score: 0.91, box: [0.4, 0.3, 0.1, 0.5] }
 */
export function buildCharacterSheet(runJson: RunJson, settings: CharacterSheetSettings = {}): CharacterSheet {
  const maxCrops = settings.maxCrops ?? 4;
  const samples = settings.sampleFrames ?? iamflowDefaults.verifyFrameIndices;
  const snapshot = runJson.policy.snapshot as { state?: unknown } | undefined;
  const parsed = memoryStateFromJSON(snapshot?.state);
  const empty = { version: characterSheetVersion, policy: runJson.policy.name, characters: [] };
  if (!parsed.success) return { ...empty, registry: false };
  const { registry, verification } = parsed.data;
  const { timeline } = runJson;
  const segmentOf = (chunk: number) =>
    timeline.segments.find((segment) => chunk >= segment.startChunk && chunk < segment.endChunk)?.index ??
    timeline.segments.at(-1)?.index ??
    0;
  const videoFrame = (chunk: number, sample: number) =>
    chunk * timeline.chunkFrames * timeline.videoFramesPerLatent + (samples[sample] ?? 0);
  const corrections = eventsOfType(runJson.memoryEvents, 'attribute-correction');
  const characters: Character[] = registry.entities.map((entity) => {
    const segments = entity.prompts.map((prompt) => prompt - 1);
    const own = verification.filter((record) => segments.includes(record.segment));
    const candidates = own.flatMap((record) => cropsOf(record, entity.id, videoFrame));
    const registered = entity.instances.reduce<string[]>(
      (attrs, instance) => mergeAttributes(attrs, instance.attrs),
      [],
    );
    return {
      id: entity.id,
      name: entity.name,
      ...(entity.properName ? { properName: entity.properName } : {}),
      kind: entity.kind,
      mentions: [...entity.mentions],
      segments,
      registered,
      verified: [...entity.attrs],
      corrections: corrections
        .filter((event) => event.id === entity.id)
        .map((event) => ({
          chunk: event.chunk,
          segment: segmentOf(event.chunk),
          attrs: event.attrs,
          before: event.before,
          after: event.after,
        })),
      sightings: {
        checked: own.reduce((sum, record) => sum + record.scores.length, 0),
        seen: own.reduce(
          (sum, record) => sum + (record.seen ?? []).filter((ids) => ids.includes(entity.id)).length,
          0,
        ),
      },
      crops: pickCrops(candidates, maxCrops),
      image: null,
    };
  });
  return { ...empty, registry: true, characters };
}

/** The sampled frames of one record in which the verifier saw this ID, with its box when it gave one. */
function cropsOf(
  record: VerificationRecord,
  id: number,
  videoFrame: (chunk: number, sample: number) => number,
): CharacterCrop[] {
  return record.scores.flatMap((score, sample) => {
    const located = record.boxes?.[sample]?.find((item) => item.id === id);
    const seen = record.seen?.[sample]?.includes(id) ?? false;
    if (!located && !seen) return [];
    return [
      {
        chunk: record.chunk,
        segment: record.segment,
        videoFrame: videoFrame(record.chunk, sample),
        score,
        box: located ? located.box : null,
      },
    ];
  });
}

/** Best score first, one per segment before seconds; returned in time order. */
function pickCrops(candidates: readonly CharacterCrop[], maxCrops: number): CharacterCrop[] {
  const ranked = [...candidates].sort(
    (first, second) =>
      Number(second.box !== null) - Number(first.box !== null) ||
      second.score - first.score ||
      first.videoFrame - second.videoFrame,
  );
  const picked: CharacterCrop[] = [];
  const segments = new Set<number>();
  for (const crop of ranked) {
    if (picked.length >= maxCrops) break;
    if (segments.has(crop.segment)) continue;
    segments.add(crop.segment);
    picked.push(crop);
  }
  for (const crop of ranked) {
    if (picked.length >= maxCrops) break;
    if (!picked.includes(crop)) picked.push(crop);
  }
  return picked.sort((first, second) => first.videoFrame - second.videoFrame);
}
