import { describe, expect, it } from 'vitest';
import { hairRgb, paintBackground, paintFigures, rgb } from './__fixtures__/paint-scene.js';
import { cleanPlate, isSkin } from './clean-plate.js';
import { detectFigures } from './detect-figures.js';
import { estimateBackground, estimateSceneBackground } from './estimate-background.js';

const background = paintBackground(240, 135, [150, 200, 240], [90, 160, 80]);
const still = [
  { x: 60, y: 40, height: 80, hair: hairRgb('black'), top: rgb('yellow'), bottom: rgb('navy') },
  { x: 170, y: 44, height: 76, hair: hairRgb('red'), top: rgb('purple'), bottom: rgb('brown') },
];

describe('cleanPlate', () => {
  it('removes figures that never move, so they can be detected', () => {
    const frames = [0, 0.25, 0.5, 0.75].map((phase) =>
      paintFigures(
        background,
        still.map((figure) => ({ ...figure, phase })),
      ),
    );
    const median = estimateBackground(frames);
    expect(detectFigures(frames[0]!, median).figures).toHaveLength(0);
    const scene = estimateSceneBackground(frames);
    expect(detectFigures(frames[0]!, scene).figures).toHaveLength(2);
  });

  it('leaves an empty scene as it is', () => {
    const plate = cleanPlate(background);
    let changed = 0;
    for (let index = 0; index < plate.data.length; index++)
      if (plate.data[index] !== background.data[index]) changed++;
    expect(changed).toBe(0);
  });

  it('knows skin tones from clothing colours', () => {
    expect(isSkin(222, 180, 150)).toBe(true);
    expect(isSkin(120, 80, 55)).toBe(true);
    expect(isSkin(...rgb('yellow'))).toBe(false);
    expect(isSkin(...rgb('navy'))).toBe(false);
    expect(isSkin(...rgb('green'))).toBe(false);
  });
});
