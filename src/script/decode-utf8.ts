import type { Issue } from '../errors/iamflow-error.js';

/** Result of decoding file bytes: the text, or an issue locating the first invalid byte. */
export type DecodeResult = { success: true; text: string } | { success: false; issue: Issue };

/**
 * Decodes strict UTF-8 (a leading BOM is dropped). On failure the issue names the byte offset and line of the
 * first invalid sequence, because `TextDecoder` alone only says that one exists.
 *
 * @example
 * decodeUtf8(new Uint8Array([0x61, 0xff]), 'a.txt') // { success: false, issue: { code: 'invalid-utf8', ... } }
 */
export function decodeUtf8(bytes: Uint8Array, path: string): DecodeResult {
  try {
    return { success: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const offset = findInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    return {
      success: false,
      issue: {
        code: 'invalid-utf8',
        path: [path, `line ${line}`],
        message: `the file is not valid UTF-8: byte 0x${byte} at offset ${offset} starts an invalid sequence`,
        hint: 'save the file as UTF-8 (most editors offer "Save with encoding")',
      },
    };
  }
}

/** Byte offset of the first invalid UTF-8 sequence (bytes.length when none). */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min: number;
    let max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80];
    else if (lead === 0xe0) [length, min] = [3, 0xa0];
    else if (lead === 0xed) [length, min, max] = [3, 0x80, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) [length, min] = [3, 0x80];
    else if (lead === 0xf0) [length, min] = [4, 0x90];
    else if (lead === 0xf4) [length, min, max] = [4, 0x80, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) [length, min] = [4, 0x80];
    else return i;
    // The second byte has the narrowed range (no overlongs, no surrogates); the rest are plain continuations.
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}
