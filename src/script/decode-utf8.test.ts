import { describe, expect, it } from 'vitest';
import { decodeUtf8, findInvalidUtf8 } from './decode-utf8.js';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('findInvalidUtf8', () => {
  it.each([
    ['ascii', bytes(0x61, 0x62), 2],
    ['two-byte é', bytes(0xc3, 0xa9, 0x61), 3],
    ['four-byte emoji', bytes(0xf0, 0x9f, 0x98, 0x80), 4],
    ['lone continuation', bytes(0x61, 0x80), 1],
    ['overlong slash', bytes(0x61, 0xc0, 0xaf), 1],
    ['overlong three-byte', bytes(0xe0, 0x80, 0x80), 0],
    ['surrogate', bytes(0x61, 0x62, 0xed, 0xa0, 0x80), 2],
    ['truncated at end', bytes(0x61, 0xe2, 0x82), 1],
    ['beyond U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['latin-1 byte', bytes(0x63, 0x61, 0x66, 0xe9, 0x20), 3],
  ])('%s', (_name, input, offset) => {
    expect(findInvalidUtf8(input)).toBe(offset);
  });

  it('agrees with TextDecoder on every two-byte sequence', () => {
    let disagreements = 0;
    for (let a = 0x80; a < 0x100; a++) {
      for (let b = 0; b < 0x100; b += 7) {
        const input = bytes(a, b, 0x41, 0x41);
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(input);
        } catch {
          valid = false;
        }
        if (valid !== (findInvalidUtf8(input) === input.length)) disagreements++;
      }
    }
    expect(disagreements).toBe(0);
  });
});

describe('decodeUtf8', () => {
  it('drops a BOM and decodes', () => {
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x68, 0x69), 'a.txt')).toEqual({ success: true, text: 'hi' });
  });

  it('names the line and byte offset of the first invalid byte', () => {
    const input = new TextEncoder().encode('first\nsecond\nthird caf');
    const withLatin1 = new Uint8Array([...input, 0xe9, 0x0a]);
    expect(decodeUtf8(withLatin1, 'story.txt')).toMatchInlineSnapshot(`
      {
        "issue": {
          "code": "invalid-utf8",
          "hint": "save the file as UTF-8 (most editors offer "Save with encoding")",
          "message": "the file is not valid UTF-8: byte 0xe9 at offset 22 starts an invalid sequence",
          "path": [
            "story.txt",
            "line 3",
          ],
        },
        "success": false,
      }
    `);
  });
});
