import { describe, expect, it } from 'vitest';
import type { Component } from './connected-components.js';
import type { FigureDescription } from './describe-figure.js';
import { mergeStackedFragments } from './detect-figures.js';
import { matchTracks, persistentTracks } from './match-tracks.js';
import { parseAttribute } from './parse-attribute.js';
import { trackFigures } from './track-figures.js';

const figure = (
  x: number,
  height = 60,
  torso?: FigureDescription['regions']['torso'],
): FigureDescription => ({
  box: [x, 10, 15, height],
  regions: torso === undefined ? {} : { torso },
  colorShares: {},
});
const yellow = { name: 'yellow', rgb: [230, 200, 40], lab: [81, -2, 77], pixels: 100 } as const;
const green = { name: 'green', rgb: [40, 140, 60], lab: [51, -45, 32], pixels: 100 } as const;

describe('trackFigures', () => {
  it('links figures by position across samples, skipping one missed sample', () => {
    const tracks = trackFigures([
      [figure(10), figure(100)],
      [figure(104), figure(14)],
      [figure(18)],
      [figure(22)],
    ]);
    expect(tracks).toEqual([
      [
        { sample: 0, figure: 0 },
        { sample: 1, figure: 1 },
        { sample: 2, figure: 0 },
        { sample: 3, figure: 0 },
      ],
      [
        { sample: 0, figure: 1 },
        { sample: 1, figure: 0 },
      ],
    ]);
  });

  it('does not link a figure that jumped or changed size', () => {
    expect(trackFigures([[figure(10)], [figure(90)], [figure(90, 20)]])).toHaveLength(3);
  });

  it('keeps only tracks seen in two or more samples when a segment has three or more', () => {
    const tracks = trackFigures([[figure(10)], [figure(12), figure(150)], [figure(14)]]);
    expect(persistentTracks(tracks, 3)).toHaveLength(1);
    expect(persistentTracks(tracks, 2)).toHaveLength(2);
  });
});

describe('matchTracks', () => {
  const ravi = { key: 'ravi', look: [parseAttribute('yellow sweater')!] };
  const nora = { key: 'nora', look: [parseAttribute('green sweater')!] };

  it('lets a track’s frames vote, so one misread frame does not flip the match', () => {
    const samples = [
      [figure(10, 60, yellow), figure(100, 60, green)],
      [figure(12, 60, green), figure(102, 60, green)],
      [figure(14, 60, yellow), figure(104, 60, green)],
    ];
    const matches = matchTracks(trackFigures(samples), samples, [ravi, nora]);
    const ofRavi = matches.filter((item) => item.match.key === 'ravi');
    expect(ofRavi.map((item) => item.match.figure)).toEqual([0, 0, 0]);
    expect(ofRavi[0]!.match.margin).toBeGreaterThan(0.05);
  });

  it('gives an ambiguous pairing no margin and an unrivalled one full margin', () => {
    const samples = [[figure(10, 60, green), figure(100, 60, green)]];
    const both = matchTracks(trackFigures(samples), samples, [nora, { ...nora, key: 'mia' }]);
    expect(both.map((item) => item.match.margin)).toEqual([0, 0]);
    const alone = matchTracks(trackFigures([[figure(10, 60, green)]]), [[figure(10, 60, green)]], [ravi]);
    expect(alone[0]!.match.margin).toBe(1);
  });
});

describe('mergeStackedFragments', () => {
  const component = (left: number, top: number, width: number, height: number): Component => ({
    box: [left, top, width, height],
    area: width * height,
    columns: new Array<number>(width).fill(height),
  });

  it('joins a head above a pair of legs in the same column', () => {
    const merged = mergeStackedFragments([component(22, 50, 16, 40), component(25, 10, 10, 10)], 0.55);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.box).toEqual([22, 10, 16, 80]);
    expect(merged[0]!.columns).toHaveLength(16);
  });

  it('leaves side-by-side figures, far-apart blobs and specks alone', () => {
    expect(mergeStackedFragments([component(10, 10, 15, 60), component(40, 10, 15, 60)], 0.55)).toHaveLength(
      2,
    );
    expect(mergeStackedFragments([component(22, 0, 10, 8), component(22, 60, 16, 30)], 0.55)).toHaveLength(2);
    expect(mergeStackedFragments([component(26, 6, 3, 3), component(22, 10, 16, 70)], 0.55)).toHaveLength(2);
  });
});
