export { type DecodedVideo, type DecodeMp4Options, decodeMp4, readMp4Frames } from './decode-mp4.js';
export {
  createMp4Encoder,
  type Mp4EncodeResult,
  type Mp4Encoder,
  type Mp4EncoderOptions,
} from './mp4-encoder.js';
export { parseFfmpegInfo, probeVideo, type VideoInfo } from './probe-video.js';
export { resolveFfmpeg } from './resolve-ffmpeg.js';
export { ffmpegReason, stripContext, type VideoErrorCode, videoError } from './video-error.js';
