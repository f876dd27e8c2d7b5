import { describe, expect, it } from 'vitest';
import { parseFfmpegInfo } from './probe-video.js';

const input = (stream: string, duration = '00:01:00.00') =>
  `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.mp4':\n  Duration: ${duration}, start: 0.000000, bitrate: 16 kb/s\n    ${stream}\nAt least one output file must be specified\n`;

describe('parseFfmpegInfo', () => {
  it.each([
    [
      'x264 mp4',
      input(
        'Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 480x270 [SAR 1:1 DAR 16:9], 12 kb/s, 16 fps, 16 tbr, 16k tbn, 32 tbc (default)',
      ),
      { width: 480, height: 270, fps: 16, seconds: 60, estimatedFrames: 960, codec: 'h264' },
    ],
    [
      'NTSC rate with colour details in parentheses',
      input(
        'Stream #0:0: Video: h264 (Main), yuv420p(tv, bt709), 1280x720, 23.98 fps, 23.98 tbr, 24k tbn',
        '00:00:10.01',
      ),
      { width: 1280, height: 720, fps: 23.98, seconds: 10.01, estimatedFrames: 240, codec: 'h264' },
    ],
    [
      'rate only as tbr',
      input('Stream #0:0: Video: vp9, yuv420p, 832x480, 16 tbr, 1k tbn', 'N/A'),
      { width: 832, height: 480, fps: 16, codec: 'vp9' },
    ],
  ])('%s', (_name, stderr, expected) => {
    expect(parseFfmpegInfo(stderr)).toEqual(expected);
  });

  it.each([
    ['no stream', 'a.mp4: Invalid data found when processing input'],
    ['audio only', input('Stream #0:0: Audio: aac, 44100 Hz, stereo')],
  ])('%s -> undefined', (_name, stderr) => {
    expect(parseFfmpegInfo(stderr)).toBeUndefined();
  });
});
