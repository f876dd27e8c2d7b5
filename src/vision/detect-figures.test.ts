import { describe, expect, it } from 'vitest';
import { addNoise, hairRgb, paintBackground, paintFigures, rgb } from './__fixtures__/paint-scene.js';
import { describeFigure } from './describe-figure.js';
import { detectFigures, splitColumns } from './detect-figures.js';
import { estimateBackground } from './estimate-background.js';

const background = paintBackground(192, 128, [150, 190, 220], [110, 140, 90]);
const ravi = {
  height: 80,
  hair: hairRgb('black'),
  top: rgb('yellow'),
  bottom: rgb('navy'),
  scarf: rgb('gray'),
};
const nora = { height: 76, hair: hairRgb('red'), top: rgb('green'), bottom: rgb('brown') };

describe('estimateBackground', () => {
  it('recovers the background from frames where figures move', () => {
    const frames = [20, 60, 100, 140, 175].map((x) => paintFigures(background, [{ ...ravi, x, y: 30 }]));
    const estimate = estimateBackground(frames);
    let differing = 0;
    for (let index = 0; index < estimate.data.length; index++) {
      if (Math.abs(estimate.data[index]! - background.data[index]!) > 2) differing++;
    }
    expect(differing).toBe(0);
  });
});

describe('detectFigures + describeFigure', () => {
  it('finds separate figures and reads their colours', () => {
    const frame = addNoise(
      paintFigures(background, [
        { ...ravi, x: 50, y: 30 },
        { ...nora, x: 140, y: 34 },
      ]),
      6,
    );
    const { figures, mask } = detectFigures(frame, background);
    expect(figures).toHaveLength(2);
    const [left, right] = figures.map((figure) => describeFigure(frame, mask, figure.box));
    expect(left!.regions.torso?.name).toBe('yellow');
    expect(left!.regions.legs?.name).toBe('navy');
    expect(left!.regions.neck?.name).toBe('gray');
    expect(right!.regions.torso?.name).toBe('green');
    expect(right!.regions.legs?.name).toBe('brown');
    expect(left!.box[3]).toBeGreaterThanOrEqual(78);
  });

  it('splits two people standing shoulder to shoulder', () => {
    const frame = paintFigures(background, [
      { ...ravi, x: 80, y: 30 },
      { ...nora, x: 108, y: 32 },
    ]);
    const { figures } = detectFigures(frame, background);
    expect(figures).toHaveLength(2);
  });

  it('ignores noise specks', () => {
    expect(detectFigures(addNoise(background, 12), background).figures).toHaveLength(0);
  });
});

describe('splitColumns', () => {
  it('cuts a two-humped profile at its valley and leaves a narrow one whole', () => {
    const twoHumps = [5, 20, 20, 20, 20, 3, 20, 20, 20, 20, 5];
    expect(splitColumns(twoHumps, 10, 0.55)).toEqual([
      [0, 5],
      [5, 11],
    ]);
    expect(splitColumns([20, 20, 20, 20], 10, 0.55)).toEqual([[0, 4]]);
  });
});
