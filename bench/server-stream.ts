/**
 * Live stream bench of `iamflow serve`: what it costs to stream frames and how soon the first one arrives.
 *
 *   npx tsx bench/server-stream.ts
 *
 * 1. Encoding one 480x270 frame: JPEG (what the stream sends) vs PNG, and the alternative, fragmented MP4 through
 *    a second ffmpeg (time until the first fragment of the first chunk is out).
 * 2. A real server (port 0, temp data): a 3 x 10 s script at 480x270, started over HTTP, one SSE viewer; time from
 *    the POST to the first frame event at the viewer, and the process CPU per video second with and without a viewer.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';
import { encodePng } from '../src/frame/encode-png.js';
import type { VideoFrame } from '../src/frame/video-frame.js';
import { encodeJpeg } from '../src/server/encode-jpeg.js';
import { startServer } from '../src/server/start-server.js';
import { resolveFfmpeg } from '../src/video/resolve-ffmpeg.js';

const width = 480;
const height = 270;
const prompts = [
  'Nora, a young woman with red hair in a yellow raincoat, walks along a rainy street.',
  'Ravi, a tall man with round glasses and a gray scarf, waits at a bus stop.',
  'Nora stops next to Ravi and they talk under the shelter.',
];

async function firstChunkFrames(): Promise<VideoFrame[]> {
  const engine = createMiniEngine({ width, height, seed: 1, fps: 16 });
  const prompt = await engine.encodePrompt(prompts[0]!);
  const chunk = await engine.generateChunk({ prompt });
  const frames = (await engine.decodeChunk(chunk.chunk)).map((f) => ({ ...f, data: f.data.slice() }));
  await engine.release();
  return frames;
}

async function measureEncoders(frames: VideoFrame[]) {
  const time = async (name: string, encode: (frame: VideoFrame) => Promise<Buffer> | Buffer) => {
    let bytes = 0;
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    for (let round = 0; round < 5; round++) for (const frame of frames) bytes += (await encode(frame)).length;
    const n = frames.length * 5;
    const used = process.cpuUsage(cpu);
    console.log(
      `${name}: ${((performance.now() - t0) / n).toFixed(2)} ms wall, ${((used.user + used.system) / 1000 / n).toFixed(2)} ms main-process CPU, ${(bytes / n / 1024).toFixed(1)} KiB per frame`,
    );
  };
  await time('jpeg q80', (frame) => encodeJpeg(frame, 80));
  await time('png', (frame) => encodePng(frame));

  // fMP4 for MSE: a second H.264 encoder; the first fragment can only leave after a whole chunk went in.
  const ffmpeg = spawn(resolveFfmpeg(), [
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', '16', '-i', 'pipe:0'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '12'],
    ...['-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', 'pipe:1'],
  ]);
  const t0 = performance.now();
  let firstFragmentMs: number | undefined;
  let received = 0;
  ffmpeg.stdout.on('data', (data: Buffer) => {
    received += data.length;
    if (firstFragmentMs === undefined && data.includes(Buffer.from('moof')))
      firstFragmentMs = performance.now() - t0;
  });
  for (const frame of frames) ffmpeg.stdin.write(frame.data);
  for (const frame of frames) ffmpeg.stdin.write(frame.data); // a second chunk pushes the first fragment out
  await new Promise((resolve) => setTimeout(resolve, 1500));
  ffmpeg.stdin.end();
  await new Promise((resolve) => ffmpeg.on('close', resolve));
  console.log(
    `fmp4 (ffmpeg libx264 ultrafast zerolatency): first fragment ${firstFragmentMs?.toFixed(0) ?? 'never'} ms after the first frame went in (incl. ffmpeg start), ${(received / 1024).toFixed(1)} KiB for ${frames.length * 2} frames`,
  );
}

async function measureServer(viewer: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-stream-bench-'));
  const server = await startServer({ dataDir: dir, port: 0, evaluate: false });
  try {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const response = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        segments: prompts.map((prompt) => ({ prompt, seconds: 10 })),
        size: { width, height },
        evaluate: false,
      }),
    });
    const { run } = (await response.json()) as { run: { id: string } };
    let firstFrameMs: number | undefined;
    let frames = 0;
    let bytes = 0;
    const latencies: number[] = [];
    if (viewer) {
      const stream = await fetch(`${server.url}/api/runs/${run.id}/stream`);
      const reader = stream.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        bytes += value.length;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          if (block.startsWith('event: frame')) {
            frames += 1;
            firstFrameMs ??= performance.now() - t0;
            latencies.push(JSON.parse(block.split('\ndata: ')[1]!).latencyMs);
          }
        }
      }
    } else {
      for (;;) {
        const detail = (await (await fetch(`${server.url}/api/runs/${run.id}`)).json()) as {
          run: { status: string };
        };
        if (detail.run.status === 'done') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      viewer
        ? `server, one SSE viewer: first frame at the viewer ${firstFrameMs?.toFixed(0)} ms after POST; ${frames} frames, ${(bytes / 1024 / 1024).toFixed(1)} MiB; encode latency median ${latencies[latencies.length >> 1]?.toFixed(1)} ms, p95 ${latencies[Math.floor(latencies.length * 0.95)]?.toFixed(1)} ms; wall ${(wall / 1000).toFixed(2)} s, CPU ${(cpuMs / 30).toFixed(0)} ms per video second`
        : `server, no viewer: wall ${(wall / 1000).toFixed(2)} s, CPU ${(cpuMs / 30).toFixed(0)} ms per video second`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const frames = await firstChunkFrames();
await measureEncoders(frames);
await measureServer(false);
await measureServer(true);
await measureServer(false);
await measureServer(true);
