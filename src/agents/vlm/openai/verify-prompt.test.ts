import { describe, expect, it } from 'vitest';
import { parseVerifyReply } from './parse-verify-reply.js';
import { formatVerifyRequest } from './verify-prompt.js';

const frame = { width: 2, height: 2, data: new Uint8Array(12) };
const input = {
  frames: [frame, frame, frame],
  entities: [{ id: 1, name: 'Nora', attrs: ['red coat'] }],
  prompt: 'Nora walks on the pier.',
  registered: [
    { id: 1, name: 'Nora', attrs: ['red coat'] },
    { id: 2, name: 'man_1', attrs: ['gray scarf'] },
  ],
  firstChunkOfSegment: true,
};

describe('verify request, as the reference asks', () => {
  it('quotes the prompt and, on a first chunk, lists every registered entity for corrections', () => {
    const text = formatVerifyRequest(input);
    expect(text).toContain('The video prompt is: "Nora walks on the pier."');
    expect(text).toContain('"id":2,"name":"man_1","attrs":["gray scarf"]');
    expect(formatVerifyRequest({ ...input, firstChunkOfSegment: false })).not.toContain('man_1');
  });

  it('accepts corrections for any registered entity', () => {
    const reply =
      '{"scores": [1, 1, 1], "corrections": [{"id": 2, "attrs": ["blue scarf"]}, {"id": 9, "attrs": ["x"]}]}';
    expect(parseVerifyReply(reply, input).corrections).toEqual([{ id: 2, attrs: ['blue scarf'] }]);
  });
});
