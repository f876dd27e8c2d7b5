import { describe, expect, it } from 'vitest';
import { describeAppearance, type NamedAppearance } from './appearance.js';
import { createMiniEngine } from './mini-engine.js';

type Slot = 'hair' | 'top' | 'bottom' | 'outerwear' | 'hat' | 'scarf' | 'bag' | 'umbrella';

/** Attribute phrases (colour x garment, hair shape, accessory, two-word garments) and where they must be drawn. */
const PHRASES: ReadonlyArray<[phrase: string, slot: Slot, colour: string]> = [
  ['an orange vest', 'top', 'orange'],
  ['a red bun', 'hair', 'red'],
  ['a white sweater', 'top', 'white'],
  ['a white parka', 'outerwear', 'white'],
  ['a navy umbrella', 'umbrella', 'navy'],
  ['a brown trench coat', 'outerwear', 'brown'],
  ['a gray braid', 'hair', 'gray'],
  ['a blonde ponytail', 'hair', 'blonde'],
  ['curly black hair', 'hair', 'black'],
  ['shoulder-length white hair', 'hair', 'white'],
  ['a green leather jacket', 'outerwear', 'green'],
  ['a teal denim jacket', 'outerwear', 'teal'],
  ['a yellow raincoat', 'outerwear', 'yellow'],
  ['a purple cardigan', 'outerwear', 'purple'],
  ['a black t-shirt', 'top', 'black'],
  ['a pink hoodie', 'top', 'pink'],
  ['a beige apron', 'top', 'beige'],
  ['blue overalls', 'top', 'blue'],
  ['a red suit', 'top', 'red'],
  ['a navy dress', 'top', 'navy'],
  ['a green tracksuit', 'top', 'green'],
  ['brown trousers', 'bottom', 'brown'],
  ['a blue baseball cap', 'hat', 'blue'],
  ['a beige sun hat', 'hat', 'beige'],
  ['a gray wool hat', 'hat', 'gray'],
  ['a teal scarf', 'scarf', 'teal'],
  ['a pink tote bag', 'bag', 'pink'],
  ['a black shoulder bag', 'bag', 'black'],
  ['an orange backpack', 'bag', 'orange'],
  ['a white umbrella', 'umbrella', 'white'],
];

/** Sentence frames a single, clearly described character is written in. */
const FRAMES: ReadonlyArray<(phrase: string) => string> = [
  (phrase) => `Mara, a woman with ${phrase}, stands in the park.`,
  (phrase) =>
    `A tall man named Omar, with short brown hair, a gray scarf and ${phrase}, walks along the street.`,
  (phrase) =>
    `Lina, a girl who wears blue sneakers and a red scarf and has ${phrase}, waits on the platform.`,
  (phrase) => `In the library, Omar wears ${phrase}.`,
];

function shown(named: NamedAppearance, slot: Slot): string | undefined {
  if (slot === 'hair') return named.hairColor;
  if (slot === 'top' || slot === 'bottom') return named[slot];
  return named.items[slot];
}

describe('mini engine draws what a single character is described with', () => {
  it('names each attribute colour on its slot of the bound figure', async () => {
    const misses: string[] = [];
    for (const [frameIndex, frame] of FRAMES.entries()) {
      for (const [phrase, slot, colour] of PHRASES) {
        const text = frame(phrase);
        const engine = createMiniEngine({ seed: 11 + frameIndex, width: 32, height: 18 });
        const chunk = await engine.generateChunk({ prompt: await engine.encodePrompt(text) });
        const entry = engine.renderRecord(chunk.chunk).at(-1)!;
        await engine.release();
        const bound = entry.figures.filter((figure) => figure.mention !== null);
        const drawn = bound.map((figure) => shown(describeAppearance(figure.appearance), slot));
        if (bound.length !== 1 || drawn[0] !== colour) misses.push(`${text} -> ${slot} ${drawn.join('/')}`);
      }
    }
    expect(misses).toEqual([]);
  });
});
