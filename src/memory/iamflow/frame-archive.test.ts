import { describe, expect, it } from 'vitest';
import {
  type ArchiveEntry,
  addToArchive,
  archiveFrames,
  capArchive,
  coveredEntities,
  createFrameArchive,
  referenceArchiveStep,
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
  it('archives as the reference counts chunks per segment', () => {
    const step = (segmentChunk: number, chunk: number, hasEntities = true) =>
      referenceArchiveStep({ segmentChunk, chunk, hasEntities });
    expect(step(0, 0)).toEqual({ chunk: null, reason: 'sink' });
    expect(step(1, 1)).toEqual({ chunk: 1, via: 'current' });
    expect(step(3, 3)).toEqual({ chunk: 0, via: 'evicted' });
    expect(step(0, 13)).toEqual({ chunk: 13, via: 'current' });
    expect(step(2, 15)).toEqual({ chunk: 15, via: 'current' });
    expect(step(3, 16)).toEqual({ chunk: 13, via: 'evicted' });
    expect(step(5, 18, false)).toEqual({ chunk: null, reason: 'no-entities' });
  });

  it('updates a frame archived again in place, keeping its place in the order', () => {
    let archive = createFrameArchive();
    for (const chunk of [1, 2, 0, 1])
      archive = addToArchive(archive, { ...entry(chunk, false), score: chunk }).archive;
    expect(archiveFrames(archive).map((e) => e.id)).toEqual(['f4', 'f7', 'f1']);
    expect(archiveFrames(archive)[0]!.score).toBe(1);
  });

  it('covers the IDs its prompt named, or those the verifier saw, or those over a threshold', () => {
    const scores = { 2: 0.9, 1: 0.4, 3: 0.5 };
    expect(coveredEntities(scores, { mode: 'prompt', threshold: 0.5, seen: [1] })).toEqual([1, 2, 3]);
    expect(coveredEntities(scores, { mode: 'verified', threshold: 0.5, seen: [1, 4] })).toEqual([1]);
    expect(coveredEntities(scores, { mode: 'verified', threshold: 0.5 })).toEqual([1, 2, 3]);
    expect(coveredEntities(scores, { mode: 'threshold', threshold: 0.5, seen: [1] })).toEqual([2, 3]);
  });
});

describe('archive capacity', () => {
  const scored = (chunk: number, score: number, entities: number[]): ArchiveEntry => ({
    ...entry(chunk, false),
    score,
    entities,
  });
  it('evicts the lowest-scoring redundant entry, never a kept one, and keeps every entity covered', () => {
    let archive = createFrameArchive();
    const entries = [
      scored(1, 0.9, [1]),
      scored(2, 0.1, [2]), // the only frame of entity 2: stays though it scores lowest
      scored(3, 0.2, [1]),
      scored(4, 0.3, [1, 3]),
      scored(5, 0.15, [1]), // lowest redundant, but in the memory list
    ];
    for (const item of entries) archive = addToArchive(archive, item).archive;
    const keep = new Set(['f16']);
    const { archive: capped, removed } = capArchive(archive, 3, keep);
    expect(removed.map((item) => item.id)).toEqual(['f10', 'f4']);
    expect(capped.entries.map((item) => item.id)).toEqual(['f7', 'f13', 'f16']);
    expect(new Set(capped.entries.flatMap((item) => item.entities))).toEqual(new Set([1, 2, 3]));
    expect(capArchive(capped, 3, keep)).toEqual({ archive: capped, removed: [] });
  });
  it('falls back to the lowest score when no entry is redundant, and stops when all are kept', () => {
    let archive = createFrameArchive();
    for (const item of [scored(1, 0.5, [1]), scored(2, 0.4, [2]), scored(3, 0.6, [3])])
      archive = addToArchive(archive, item).archive;
    expect(capArchive(archive, 2, new Set()).removed.map((item) => item.id)).toEqual(['f7']);
    expect(capArchive(archive, 1, new Set(['f4', 'f7', 'f10'])).removed).toEqual([]);
  });
});
