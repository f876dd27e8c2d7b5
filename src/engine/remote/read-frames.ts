import type { z } from 'zod';
import { EngineError } from '../../errors/engine-error.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import type { EngineCosts } from '../engine.js';
import {
  CHUNK_WITH_FRAMES,
  chunkReplySchema,
  chunkWithFramesSchema,
  costsSchema,
  frameHeaders,
  RGB24,
} from '../protocol/wire.js';

function invalid(url: string, message: string): EngineError {
  return new EngineError({
    message: `remote engine ${url}: ${message}`,
    issues: [
      { code: 'invalid-reply', path: ['remote engine', url], message, hint: 'see docs/engine-protocol.md' },
    ],
  });
}

/** Reads a body into one buffer of the expected size as it streams in (no chunk list, no second copy). */
export async function readBody(response: Response, expected: number): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0);
  const bytes = new Uint8Array(expected);
  let offset = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (offset + value.length > expected) {
      await reader.cancel();
      throw invalid(
        response.url,
        `the frames body is longer than the ${expected} bytes its headers announce`,
      );
    }
    bytes.set(value, offset);
    offset += value.length;
  }
  return offset === expected ? bytes : bytes.subarray(0, offset);
}

/** Reads a binary frames reply: rgb24 frames back to back, sized by the `iamflow-frame-*` headers. */
export async function readFrames(response: Response): Promise<{ frames: VideoFrame[]; costs?: EngineCosts }> {
  const header = (name: string) => response.headers.get(name);
  const width = Number(header(frameHeaders.width));
  const height = Number(header(frameHeaders.height));
  const count = Number(header(frameHeaders.count));
  const format = header(frameHeaders.pixelFormat) ?? RGB24;
  if (format !== RGB24) throw invalid(response.url, `pixel format ${format}, expected ${RGB24}`);
  if (![width, height, count].every((value) => Number.isInteger(value) && value >= 0)) {
    throw invalid(
      response.url,
      `frame headers width ${width}, height ${height}, count ${count} are not sizes`,
    );
  }
  const frameBytes = width * height * 3;
  const bytes = await readBody(response, frameBytes * count);
  if (bytes.length !== frameBytes * count) {
    throw invalid(
      response.url,
      `${count} ${width}x${height} rgb24 frames need ${frameBytes * count} bytes, got ${bytes.length}`,
    );
  }
  const frames = Array.from({ length: count }, (_, index) => ({
    width,
    height,
    data: bytes.subarray(index * frameBytes, (index + 1) * frameBytes),
  }));
  const costsText = header(frameHeaders.costs);
  if (costsText === null) return { frames };
  try {
    const parsed = costsSchema.safeParse(JSON.parse(costsText));
    return parsed.success ? { frames, costs: parsed.data } : { frames };
  } catch {
    return { frames };
  }
}

/** What a generate reply holds: the chunk, and its frames and render record when the server decoded ahead. */
export type ChunkReply = z.output<typeof chunkReplySchema> & {
  video?: VideoFrame[];
  renderRecord?: unknown[] | undefined;
};

/**
 * Reads a generate reply: plain JSON, or `application/vnd.iamflow.chunk` (u32 LE JSON length, the JSON, rgb24
 * frames) when the server decoded ahead.
 */
export async function readChunkReply(response: Response): Promise<ChunkReply> {
  const type = response.headers.get('content-type') ?? '';
  const length = Number(response.headers.get('content-length'));
  if (!type.startsWith(CHUNK_WITH_FRAMES)) {
    const parsed = chunkReplySchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw invalid(response.url, `generate reply: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }
  if (!Number.isInteger(length) || length < 4)
    throw invalid(response.url, 'a chunk reply needs a content-length');
  const bytes = await readBody(response, length);
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + jsonLength)));
  } catch {
    throw invalid(response.url, 'the JSON part of the chunk reply is not JSON');
  }
  const parsed = chunkWithFramesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(response.url, `reply field ${issue.path.join('.')}: ${issue.message}`);
  }
  const { width, height, count } = parsed.data.video;
  const frameBytes = width * height * 3;
  const start = 4 + jsonLength;
  if (bytes.length - start !== frameBytes * count) {
    throw invalid(
      response.url,
      `${count} ${width}x${height} rgb24 frames need ${frameBytes * count} bytes, got ${bytes.length - start}`,
    );
  }
  const video = Array.from({ length: count }, (_, index) => ({
    width,
    height,
    data: bytes.subarray(start + index * frameBytes, start + (index + 1) * frameBytes),
  }));
  return { ...parsed.data, video };
}
