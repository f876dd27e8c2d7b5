/** The shared nouns of pixels: RGB frames, colour names and PNG encoding. Engine, vision, agents and bench read them. */
export {
  type ChunkFrames,
  completeChunkFrames,
  type FrameDemand,
  partialChunkFrames,
  unionFrameDemands,
} from './chunk-frames.js';
export * from './color-names.js';
export { decodeImageFile } from './decode-image.js';
export { encodePng, rgbToRgba, writePng } from './encode-png.js';
export { type FrameJson, frameJsonSchema, frameToJson } from './frame-json.js';
export { resizeFrame } from './resize-frame.js';
export { checkFrameSize, type VideoFrame } from './video-frame.js';
