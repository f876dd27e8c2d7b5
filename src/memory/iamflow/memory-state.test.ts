import { describe, expect, it } from 'vitest';
import { applyExtraction, createRegistry } from '../../entities/registry.js';
import { type MemoryState, memoryStateFromJSON, memoryStateToJSON } from './memory-state.js';

const registry = applyExtraction(createRegistry(), {
  promptIndex: 1,
  characters: [
    { id: 1, isNew: true, kind: 'woman', mention: 'Nora', attrs: ['red coat'], properName: 'Nora' },
  ],
});

const state: MemoryState = {
  version: 1,
  registry,
  archive: {
    entries: [
      {
        id: 'f1',
        frame: 1,
        chunk: 0,
        segment: 0,
        keys: [[0.5, -0.25]],
        textScore: 0.4,
        entityScores: { 1: 0.8 },
        entities: [1],
        visualScore: 0.9,
        score: 0.97,
        provisional: false,
      },
    ],
    provisional: null,
  },
  bank: ['f1'],
  verification: [
    { chunk: 0, segment: 0, scores: [0.9, 0.8, 0.7], provider: 'pixel', waitMs: 0, warnings: [] },
  ],
};

describe('memory state JSON', () => {
  it('round-trips through JSON text', () => {
    const parsed = memoryStateFromJSON(JSON.parse(JSON.stringify(memoryStateToJSON(state))));
    expect(parsed).toEqual({ success: true, data: state });
  });

  it('reports a bank id that names no archived frame, and a bad field', () => {
    const broken = { ...state, bank: ['f9'], archive: { ...state.archive, provisional: { id: '' } } };
    const parsed = memoryStateFromJSON(broken);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.issues.map((issue) => issue.path.slice(0, 3))).toContainEqual([
      'memory',
      'archive',
      'provisional',
    ]);
    expect(parsed.issues.every((issue) => issue.code === 'invalid-memory-state')).toBe(true);
  });

  it('reports the unknown bank id when the rest is valid', () => {
    const parsed = memoryStateFromJSON({ ...state, bank: ['f9'] });
    expect(parsed).toEqual({
      success: false,
      issues: [{ code: 'invalid-memory-state', path: ['memory', 'bank', 0], message: 'unknown frame f9' }],
    });
  });
});
