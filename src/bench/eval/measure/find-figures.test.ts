import { describe, expect, it } from 'vitest';
import type { VideoFrame } from '../../../frame/video-frame.js';
import { attributeEvidence } from './attribute-evidence.js';
import { nameColour } from './colour-vocabulary.js';
import { readAttribute } from './expected-attributes.js';
import { findFigures, shotPlate } from './find-figures.js';
import { readFigure } from './read-figure.js';

type Rgb = readonly [number, number, number];
const width = 160;
const height = 96;

function fill(frame: VideoFrame, x0: number, y0: number, w: number, h: number, rgb: Rgb): void {
  for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++)
    for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) frame.data.set(rgb, (y * width + x) * 3);
}

/** Dusk street: orange sky, two purple buildings (one with a patch of sky seen through it), gray ground. */
function street(): VideoFrame {
  const frame = { width, height, data: new Uint8Array(width * height * 3) };
  fill(frame, 0, 0, width, 60, [230, 150, 90]);
  fill(frame, 10, 10, 50, 50, [80, 70, 110]);
  fill(frame, 25, 20, 12, 18, [230, 150, 90]);
  fill(frame, 100, 5, 40, 55, [80, 70, 110]);
  fill(frame, 0, 60, width, 36, [120, 120, 125]);
  return frame;
}

/** A person 60 px tall with its head top at (x, y): hair, a narrow face, a coat, trousers. */
function person(frame: VideoFrame, x: number, y: number, coat: Rgb, hair: Rgb = [30, 25, 22]): void {
  fill(frame, x - 3, y, 7, 3, hair);
  fill(frame, x - 3, y + 3, 7, 5, [224, 172, 140]);
  fill(frame, x - 7, y + 9, 15, 26, coat);
  fill(frame, x - 5, y + 35, 11, 25, [25, 35, 90]);
}

function shot(place: (index: number, frame: VideoFrame) => void, frames = 9): VideoFrame[] {
  return Array.from({ length: frames }, (_, index) => {
    const frame = street();
    place(index, frame);
    return frame;
  });
}

describe('findFigures', () => {
  it('finds nobody in an empty street, sky seen through a building included', () => {
    const frames = shot(() => {});
    expect(findFigures(frames[4]!, shotPlate(frames)).figures).toEqual([]);
  });

  it('finds a person who stands still through the whole shot (the median keeps her)', () => {
    const frames = shot((_, frame) => person(frame, 80, 25, [240, 210, 50]));
    const { figures } = findFigures(frames[4]!, shotPlate(frames));
    expect(figures.map((figure) => figure.box)).toEqual([[73, 25, 15, 60]]);
  });

  it('finds a walking person and two people side by side as two', () => {
    const walking = shot((index, frame) => person(frame, 40 + 8 * index, 25, [50, 150, 60]));
    expect(findFigures(walking[4]!, shotPlate(walking)).figures.map((figure) => figure.box)).toEqual([
      [65, 25, 15, 60],
    ]);
    const pair = shot((_, frame) => {
      person(frame, 70, 25, [240, 210, 50]);
      person(frame, 86, 25, [50, 150, 60]);
    });
    expect(findFigures(pair[4]!, shotPlate(pair)).figures).toHaveLength(2);
  });

  it('finds a person who stands still with her back to the camera (no face shows, her outline does)', () => {
    // Hair where the face would be: the face test finds no skin; the head on the shoulders still marks a person.
    const frames = shot((_, frame) => person(frame, 80, 25, [240, 210, 50]));
    for (const frame of frames) fill(frame, 77, 28, 7, 5, [30, 25, 22]);
    const { figures } = findFigures(frames[4]!, shotPlate(frames));
    expect(figures.map((figure) => figure.box)).toEqual([[73, 25, 15, 60]]);
  });

  it('finds a still person seen from behind whose legs match the ground (the head joins the wide torso)', () => {
    // Hair, a collar the sky's colour, a coat wider than 0.45 of head-to-hem, trousers the ground's colour: the
    // mask holds a head over a wide torso and nothing below; only joined do they show a head on shoulders.
    const frames = shot((_, frame) => {
      fill(frame, 77, 25, 7, 7, [30, 25, 22]);
      fill(frame, 70, 34, 20, 28, [50, 150, 60]);
    });
    const { figures } = findFigures(frames[4]!, shotPlate(frames));
    expect(figures.map((figure) => figure.box)).toEqual([[70, 25, 20, 37]]);
  });

  it('finds a still person whose head the scenery took (hair and a pale face against a pale wall)', () => {
    // A light gray wall from the top of the frame; hair the wall's colour and a pale face within its colour
    // family: the mask holds a coat and trousers, no face and no head on shoulders. The skin rows just above the
    // coat, with wall on both sides, show the head.
    const frames = shot((_, frame) => {
      fill(frame, 60, 0, 40, 60, [200, 200, 200]);
      person(frame, 80, 25, [50, 150, 60], [200, 200, 200]);
      fill(frame, 77, 28, 7, 5, [215, 195, 180]);
    });
    const { figures } = findFigures(frames[4]!, shotPlate(frames));
    expect(figures.map((figure) => figure.box)).toEqual([[73, 23, 15, 62]]);
    // The same body without the face above it is a still object.
    const headless = shot((_, frame) => {
      fill(frame, 60, 0, 40, 60, [200, 200, 200]);
      fill(frame, 73, 34, 15, 26, [50, 150, 60]);
      fill(frame, 75, 60, 11, 25, [25, 35, 90]);
    });
    expect(findFigures(headless[4]!, shotPlate(headless)).figures).toEqual([]);
  });

  it('does not join a small blob over a wide one into a person when the joint blob is flat (a lamp over a bench)', () => {
    const frames = shot((_, frame) => {
      fill(frame, 77, 62, 6, 4, [200, 200, 40]);
      fill(frame, 64, 68, 32, 10, [90, 60, 40]);
    });
    expect(findFigures(frames[4]!, shotPlate(frames)).figures).toEqual([]);
  });

  it("leaves out still posts, trunks and lit windows (no head on shoulders, no face of a face's size)", () => {
    const frames = shot((_, frame) => {
      fill(frame, 40, 30, 6, 50, [120, 80, 45]); // a brown trunk, the hue of skin
      fill(frame, 120, 35, 4, 40, [60, 60, 60]); // a post
      fill(frame, 116, 30, 12, 6, [200, 200, 40]); // its sign, wider than the post
      fill(frame, 70, 66, 10, 18, [60, 40, 30]); // a lit window in a dark frame: skin-coloured, but all of it
      fill(frame, 73, 68, 4, 6, [230, 170, 120]); // its two panes, each taller than a quarter of it
      fill(frame, 73, 76, 4, 6, [230, 170, 120]);
    });
    expect(findFigures(frames[4]!, shotPlate(frames)).figures).toEqual([]);
  });

  it('leaves out a moving blob of one colour (a pillar as the background drifts, a leg whose coat the mask lost)', () => {
    const frames = shot((index, frame) => {
      fill(frame, 20 + 3 * index, 62, 8, 30, [150, 40, 50]); // a red pillar sliding with the background
      person(frame, 110 - 6 * index, 25, [240, 210, 50]);
    });
    expect(findFigures(frames[4]!, shotPlate(frames)).figures.map((figure) => figure.box)).toEqual([
      [79, 25, 15, 60],
    ]);
  });

  it('keeps a moving person of one coat when a face shows (hair the sky, trousers the ground)', () => {
    const frames = shot((index, frame) => {
      const x = 40 + 8 * index;
      fill(frame, x - 3, 25, 7, 5, [224, 172, 140]); // the face; the hair above it is the sky's colour
      fill(frame, x - 7, 31, 15, 26, [50, 150, 60]);
      fill(frame, x - 5, 57, 11, 25, [120, 120, 125]);
    });
    expect(findFigures(frames[4]!, shotPlate(frames)).figures.map((figure) => figure.box)).toEqual([
      [65, 25, 15, 32],
    ]);
  });

  it('finds a walker when the ground changes colour within the shot (a region larger than any figure is scenery)', () => {
    const frames = shot((index, frame) => {
      if (index >= 6) fill(frame, 0, 60, width, 36, [95, 140, 95]); // the ground drifts to green
      person(frame, 40 + 8 * index, 25, [240, 210, 50]);
    });
    expect(findFigures(frames[7]!, shotPlate(frames)).figures.map((figure) => figure.box)).toEqual([
      [89, 25, 15, 60],
    ]);
  });

  it('keeps a walker whose head is lost against the wall in one piece (the gap between the legs is no second person)', () => {
    // Head the colour of the sky behind it: the blob is coat and legs, wider than 0.45 of its height, with a deep
    // dip between the legs in its column profile.
    const walking = shot((index, frame) => {
      const x = 40 + 8 * index;
      fill(frame, x - 10, 34, 21, 18, [50, 150, 60]);
      fill(frame, x - 10, 52, 6, 22, [25, 35, 90]);
      fill(frame, x + 5, 52, 6, 22, [25, 35, 90]);
    });
    expect(findFigures(walking[4]!, shotPlate(walking)).figures.map((figure) => figure.box)).toEqual([
      [62, 34, 21, 40],
    ]);
  });

  it('keeps a leg the mask parted from its walker inside the walker, not as a second person', () => {
    // A belt the ground's colour parts the legs from the coat: the left leg joins the coat as a stacked blob, the
    // right one (trousers and a white shoe: no one-colour blob) is left over inside the walker's box.
    const walking = shot((index, frame) => {
      const x = 40 + 8 * index;
      fill(frame, x - 3, 25, 7, 3, [30, 25, 22]);
      fill(frame, x - 3, 28, 7, 5, [224, 172, 140]);
      fill(frame, x - 7, 34, 15, 24, [200, 40, 40]);
      fill(frame, x - 7, 58, 15, 2, [120, 120, 125]);
      for (const legX of [x - 6, x + 2]) {
        fill(frame, legX, 60, 5, 21, [25, 35, 90]);
        fill(frame, legX, 81, 5, 4, [235, 235, 235]);
      }
    });
    expect(findFigures(walking[4]!, shotPlate(walking)).figures.map((figure) => figure.box)).toEqual([
      [65, 25, 15, 60],
    ]);
  });

  it('reads hair and coat colours a person can name', () => {
    const frames = shot((_, frame) => person(frame, 80, 25, [200, 40, 40], [230, 200, 110]));
    const scan = findFigures(frames[4]!, shotPlate(frames));
    const reading = readFigure(frames[4]!, scan.mask, scan.figures[0]!.box);
    expect(nameColour(reading.regions.torso!.lab, 'garment')).toBe('red');
    expect(nameColour(reading.regions.legs!.lab, 'garment')).toBe('navy');
    expect(nameColour(reading.regions.hair!.lab, 'hair')).toBe('blonde');
  });

  it('reads a top between the sides of an open coat the prompt did not ask for', () => {
    // A beige shirt under a purple coat whose panels and sleeves leave the shirt a strip of a third of the torso.
    const beige: Rgb = [230, 215, 180];
    const purple: Rgb = [110, 40, 140];
    const frames = shot((_, frame) => {
      person(frame, 80, 25, purple);
      fill(frame, 70, 34, 3, 24, purple); // sleeves
      fill(frame, 88, 34, 3, 24, purple);
      fill(frame, 78, 34, 5, 26, beige);
    });
    const scan = findFigures(frames[4]!, shotPlate(frames));
    const reading = readFigure(frames[4]!, scan.mask, scan.figures[0]!.box);
    expect(nameColour(reading.regions.torso!.lab, 'garment')).toBe('purple');
    expect(nameColour(reading.details.chest!.lab, 'garment')).toBe('beige');
    const [shirt] = attributeEvidence(reading, [readAttribute('beige shirt')]);
    expect(shirt?.shown).toBe(true);
    // The coat's colour is no evidence for another top, and a top the figure does not show is not read.
    expect(attributeEvidence(reading, [readAttribute('green shirt')])[0]?.shown).toBe(false);
  });

  it('reads a hat above the hair the face places (the hair band reads the hair under the brim)', () => {
    const frames = shot((_, frame) => {
      person(frame, 80, 29, [50, 150, 60]);
      fill(frame, 76, 25, 9, 4, [200, 30, 30]); // a red hat on top of the dark hair
    });
    const scan = findFigures(frames[4]!, shotPlate(frames));
    const reading = readFigure(frames[4]!, scan.mask, scan.figures[0]!.box);
    expect(nameColour(reading.details.crown!.lab, 'garment')).toBe('red');
    expect(attributeEvidence(reading, [readAttribute('red hat')])[0]?.shown).toBe(true);
    expect(attributeEvidence(reading, [readAttribute('blue hat')])[0]?.shown).toBe(false);
  });

  it('reads an open coat at the sides of the torso when the shirt between them fills the middle', () => {
    // A coat whose sides cover only the edges of the read band: the band's main colour is the shirt.
    const beige: Rgb = [230, 215, 180];
    const purple: Rgb = [110, 40, 140];
    const frames = shot((_, frame) => {
      person(frame, 80, 25, purple);
      fill(frame, 78, 34, 5, 26, beige);
    });
    const scan = findFigures(frames[4]!, shotPlate(frames));
    const reading = readFigure(frames[4]!, scan.mask, scan.figures[0]!.box);
    expect(nameColour(reading.regions.torso!.lab, 'garment')).toBe('beige');
    expect(nameColour(reading.details.flanks!.lab, 'garment')).toBe('purple');
    expect(attributeEvidence(reading, [readAttribute('purple coat')])[0]?.shown).toBe(true);
    expect(attributeEvidence(reading, [readAttribute('green coat')])[0]?.shown).toBe(false);
  });
});
