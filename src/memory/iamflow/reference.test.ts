import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  adaptiveWindowFrames,
  resolveSoftTransition,
  type TransitionCurve,
  transitionAlpha,
} from '../../pipeline/transition.js';
import { pickArchiveEntry } from './chunk-candidates.js';
import { type ArchiveEntry, referenceArchiveStep } from './frame-archive.js';
import { meanKeyScore } from './frame-score.js';
import { selectReferenceIdMemory, selectReferencePromptMemory, updateMemory } from './id-memory.js';
import { referenceEntityWeights, referencePromptWeights } from './reference-token-weights.js';

// Expected values computed by the reference's own code (scripts/reference-fixtures.py, run by hand).
const fixtures = JSON.parse(
  readFileSync(new URL('./__fixtures__/reference.json', import.meta.url), 'utf8'),
) as Record<string, Array<Record<string, unknown>>>;

const expand = (runs: Array<[number, number]>): number[] =>
  runs.flatMap(([value, count]) => new Array<number>(count).fill(value));

const closeTo = (actual: readonly number[], expected: readonly number[], digits: number) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => {
    expect(value).toBeCloseTo(expected[index]!, digits);
  });
};

function entry(id: string, frame: number, fields: Partial<ArchiveEntry>): ArchiveEntry {
  return {
    id,
    frame,
    chunk: 0,
    segment: 0,
    keys: [],
    textScore: 0,
    entityScores: {},
    entities: [],
    visualScore: null,
    score: 0,
    provisional: false,
    ...fields,
  };
}

describe('the reference, on seeded random inputs', () => {
  it('weights text slots as _build_entity_token_weights and _build_prompt_token_weights do', () => {
    for (const c of fixtures.tokenWeights!) {
      const weights = referenceEntityWeights(
        c.entities as Array<{ mention: string; attrs: string[] }>,
        c.slots as number,
        c.text as string,
      );
      closeTo(weights, expand(c.weights as Array<[number, number]>), 6);
    }
    for (const c of fixtures.promptWeights!) {
      closeTo(referencePromptWeights(c.slots as number), expand(c.weights as Array<[number, number]>), 6);
    }
  });

  it('scores frames as _compute_frame_scores_fast does (weighted mean text key . mean frame key)', () => {
    for (const c of fixtures.frameScores!) {
      const keys = c.keys as number[][][];
      const scores = keys.map((frame) => meanKeyScore(c.queries as number[][], c.weights as number[], frame));
      closeTo(scores, c.scores as number[], 6);
    }
  });

  it('fuses as _fuse_scores does (raw text scores without a visual result)', () => {
    for (const c of fixtures.fuse!) {
      const text = c.text as number[];
      const visual = c.visual as Array<number | null> | null;
      const fused = c.fused as number[];
      const best = fused.indexOf(Math.max(...fused));
      const picked = pickArchiveEntry(
        {
          chunk: 0,
          segment: 0,
          frames: text.map((value, frame) => ({ frame, keys: [], text: value, entities: {} })),
        },
        (visual ?? []).map((value) => value ?? undefined),
        undefined,
        { coverage: 'prompt', threshold: 0.5, provisional: false, idPrefix: 'f', verified: visual !== null },
      );
      expect(picked.frame).toBe(best);
      expect(picked.score).toBeCloseTo(fused[best]!, 6);
    }
  });

  it('sets the ID memory at a segment start as retrieve_initial_frames does', () => {
    for (const c of fixtures.cover!) {
      const archive = (
        c.archive as Array<{ id: string; entities: number[]; entityScore: number; score: number }>
      ).map((item, index) =>
        entry(item.id, index, { entities: item.entities, textScore: item.entityScore, score: item.score }),
      );
      const selection = selectReferenceIdMemory(archive, c.ids as number[], {
        budget: c.budget as 'dynamic' | 'fixed',
      });
      expect(selection.ids).toEqual(c.memory);
    }
  });

  it('appends and replaces as update_id_memory does (repeats included)', () => {
    for (const c of fixtures.idMemoryUpdates!) {
      const scores = new Map<string, number>();
      let memory: string[] = [];
      for (const step of c.steps as Array<{ id: string; entityScore: number; memory: string[] }>) {
        scores.set(step.id, step.entityScore);
        memory = updateMemory(memory, step.id, step.entityScore, (id) => scores.get(id), 4).memory;
        expect(memory).toEqual(step.memory);
      }
    }
  });

  it('updates the prompt memory as update_active_memory does (entity score against stored fused scores)', () => {
    for (const c of fixtures.promptMemoryUpdates!) {
      const stored = new Map<string, number>();
      let memory: string[] = [];
      for (const step of c.steps as Array<{
        id: string;
        entityScore: number;
        score: number;
        memory: string[];
      }>) {
        stored.set(step.id, step.score);
        const next = updateMemory(memory, step.id, step.entityScore, (id) => stored.get(id), 3).memory;
        memory = [...new Set(next)];
        expect(memory).toEqual(step.memory);
      }
    }
  });

  it('ranks the prompt memory by stored fused score, then by prompt, chunk and frame', () => {
    for (const c of fixtures.promptRetrieve!) {
      const archive = (c.archive as Array<{ id: string; score: number }>).map((item) => {
        const [p, chunk, f] = item.id.match(/\d+/g)!.map(Number);
        return entry(item.id, p! * 10_000 + chunk! * 10 + f!, { score: item.score });
      });
      expect(selectReferencePromptMemory(archive)).toEqual(c.memory);
    }
  });

  it('ramps soft transitions as transition_scheduler.py does (adaptive and fixed window 9)', () => {
    for (const c of fixtures.transitions!) {
      const curve = c.curve as TransitionCurve;
      const base = new Float32Array([1, 0]);
      const schedule = c.adaptive
        ? {
            ...resolveSoftTransition(base, base, { curve }),
            windowFrames: adaptiveWindowFrames(c.distance as number),
          }
        : resolveSoftTransition(base, base, { curve, adaptive: false });
      expect(schedule.windowFrames).toBe(c.window);
      const alphas = Array.from({ length: 10 }, (_, index) => transitionAlpha(schedule, index * 3));
      (c.alphas as Array<number | null>).forEach((alpha, index) => {
        if (alpha === null) expect(alphas[index]).toBeNull();
        else expect(alphas[index]).toBeCloseTo(alpha, 12);
      });
    }
  });

  it('archives on the pipeline schedule (chunks counted per segment, lag 3, nothing without entities)', () => {
    for (const c of fixtures.archiveSchedule!) {
      const archived: Array<{ chunk: number; source: number; via: string }> = [];
      let chunk = 0;
      for (const segment of c.segments as Array<{ chunks: number; hasEntities: boolean }>) {
        for (let segmentChunk = 0; segmentChunk < segment.chunks; segmentChunk += 1, chunk += 1) {
          const step = referenceArchiveStep({ segmentChunk, chunk, hasEntities: segment.hasEntities });
          if (step.chunk !== null) archived.push({ chunk, source: step.chunk, via: step.via });
        }
      }
      expect(archived).toEqual(c.archived);
    }
  });
});
