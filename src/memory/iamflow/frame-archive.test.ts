import { describe, expect, it } from 'vitest';
import {
  type ArchiveEntry,
  addToArchive,
  archiveFrames,
  archiveStepAt,
  coveredEntities,
  createFrameArchive,
} from './frame-archive.js';

function entry(chunk: number, provisional: boolean): ArchiveEntry {
  const frame = chunk * 3 + 1;
  return {
    id: `f${frame}`,
    frame,
    chunk,
    segment: 0,
    keys: [],
    textScore: 0,
    entityScores: {},
    entities: [],
    visualScore: null,
    score: 0,
    provisional,
  };
}

describe('frame archive', () => {
  it('archives chunk c-3 when chunk c ends, the newest chunk before that', () => {
    expect([0, 1, 2, 3, 4, 7].map((chunk) => archiveStepAt(chunk, 3))).toEqual([
      { chunk: 0, provisional: true },
      { chunk: 1, provisional: true },
      { chunk: 2, provisional: true },
      { chunk: 0, provisional: false },
      { chunk: 1, provisional: false },
      { chunk: 4, provisional: false },
    ]);
  });

  it('replaces the stand-in until eviction starts, then appends in eviction order', () => {
    let archive = createFrameArchive();
    const removedLog: string[][] = [];
    for (let chunk = 0; chunk < 6; chunk += 1) {
      const step = archiveStepAt(chunk, 3);
      const result = addToArchive(archive, entry(step.chunk, step.provisional));
      archive = result.archive;
      removedLog.push(result.removed);
      if (chunk === 1) expect(archiveFrames(archive).map((e) => e.id)).toEqual(['f4']);
    }
    expect(removedLog).toEqual([[], ['f1'], ['f4'], ['f7'], [], []]);
    expect(archive.provisional).toBeNull();
    expect(archiveFrames(archive).map((e) => e.id)).toEqual(['f1', 'f4', 'f7']);
  });

  it('covers the IDs its prompt named, or those the verifier saw, or those over a threshold', () => {
    const scores = { 2: 0.9, 1: 0.4, 3: 0.5 };
    expect(coveredEntities(scores, { mode: 'prompt', threshold: 0.5, seen: [1] })).toEqual([1, 2, 3]);
    expect(coveredEntities(scores, { mode: 'verified', threshold: 0.5, seen: [1, 4] })).toEqual([1]);
    expect(coveredEntities(scores, { mode: 'verified', threshold: 0.5 })).toEqual([1, 2, 3]);
    expect(coveredEntities(scores, { mode: 'threshold', threshold: 0.5, seen: [1] })).toEqual([2, 3]);
  });
});
