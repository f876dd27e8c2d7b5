/**
 * What the embedded pixel verifier costs per chunk: generates one suite script under the iamflow policy once per
 * frame size (the verifier runs on the generation thread, its jobs recorded as the verification thread would get
 * them: the chunk's decoded frames plus the sampling), then replays every job on a fresh verifier in process, as the
 * verification thread does (`prepareVerifyInput`, then `verify`), best of N rounds in CPU and wall time. A second
 * pass times the parts on the same inputs (resize, foreground mask, background plate, figure detection beyond the
 * mask, description, matching and checks). It prints a SHA-256 of every result, so two versions of the verifier can
 * be compared for speed and for identical results.
 *
 *   npx tsx bench/verifier-cost.ts                              # line 1 of smoke-12, 240x136 and 480x270, 5 rounds
 *   npx tsx bench/verifier-cost.ts --line 3 --size 480x270 --rounds 9
 *
 * The recorded jobs are kept in `--cache` (one file per script and size; delete it to record again), so versions
 * of the verifier replay the same inputs.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import type { FrameVerifierV1, VerifyInput } from '../src/agents/vlm/frame-verifier.js';
import { createPixelVerifier, restoreAspect } from '../src/agents/vlm/pixel/create-pixel-verifier.js';
import { restorePixelState } from '../src/agents/vlm/pixel/pixel-state.js';
import { prepareVerifyInput, type VerifyJob } from '../src/agents/vlm/verify-job.js';
import type { VideoFrame } from '../src/frame/video-frame.js';
import { iamflowDefaults } from '../src/memory/iamflow/iamflow-defaults.js';
import { runScript } from '../src/run/run-script.js';
import type { RunSink } from '../src/run/run-sink.js';
import { readScripts } from '../src/script/read-script.js';
import {
  checkAttributes,
  describeFigure,
  detectFigures,
  estimateSceneBackground,
  foregroundMask,
  matchFigures,
  parseAttribute,
} from '../src/vision/index.js';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'bench/suite/smoke-12.jsonl' },
    line: { type: 'string', default: '1' },
    size: { type: 'string', multiple: true },
    rounds: { type: 'string', default: '5' },
    cache: { type: 'string', default: '/tmp/iamflow-verifier-cost' },
  },
  strict: true,
});
const { scripts } = await readScripts(values.suite);
const script = scripts[Number(values.line) - 1];
if (!script) throw new Error(`${values.suite} has no line ${values.line}`);
const rounds = Math.max(1, Number(values.rounds));

const copy = (frame: VideoFrame): VideoFrame => ({ ...frame, data: new Uint8Array(frame.data) });

/** The recorded jobs of the script at a size, from the cache or recorded now. */
async function jobsAt(width: number, height: number): Promise<VerifyJob[]> {
  const file = join(values.cache, `${script!.id}-${width}x${height}.v8`);
  try {
    return deserialize(await readFile(file)) as VerifyJob[];
  } catch {
    const jobs = await recordJobs(width, height);
    await mkdir(values.cache, { recursive: true });
    await writeFile(file, serialize(jobs));
    return jobs;
  }
}

/**
 * Runs the script once, the pixel verifier on the generation thread, and returns every verification job as the
 * verification thread gets it (only the frames sampling reads).
 */
async function recordJobs(width: number, height: number): Promise<VerifyJob[]> {
  const chunkFrames = new Map<number, VideoFrame[]>();
  const sink: RunSink = {
    open: async () => null,
    onFrames: async (chunk, frames) => void chunkFrames.set(chunk.chunk, frames.all().map(copy)),
    onRenderRecord: async () => {},
    commit: async () => {},
    abort: async () => {},
  };
  const inputs: VerifyInput[] = [];
  const pixel = createPixelVerifier();
  const recording: FrameVerifierV1 = {
    specificationVersion: 'v1',
    provider: 'pixel',
    modelId: 'pixel-v1',
    verify: (input) => {
      inputs.push({ ...structuredClone(input), frames: input.frames.map(copy) });
      return pixel.verify(input);
    },
  };
  await runScript(
    {
      script,
      policy: { name: 'iamflow', settings: { verifier: recording } },
      seed: 1,
      size: { width, height },
      output: { keyframes: false, renderRecord: false },
    },
    sink,
  );
  // The queue verifies chunks in order, one job each: the n-th input is the n-th chunk's frames, sampled.
  const chunks = [...chunkFrames.keys()].sort((a, b) => a - b);
  if (chunks.length !== inputs.length)
    throw new Error(`${chunks.length} chunks but ${inputs.length} verifications`);
  return inputs.map((input, index) => {
    const { frames: _sampled, sourceAspect: _aspect, ...rest } = input;
    const frames = chunkFrames.get(chunks[index]!)!;
    const kept = iamflowDefaults.verifyFrameIndices.filter((at) => at < frames.length);
    const job: VerifyJob = {
      ...rest,
      frames: kept.map((at) => frames[at]!),
      sample: { indices: kept.map((_, at) => at), size: iamflowDefaults.verifySize, fit: 'squash' },
    };
    const replayed = prepareVerifyInput(job).frames;
    const same =
      replayed.length === input.frames.length &&
      replayed.every((frame, at) => Buffer.compare(frame.data, input.frames[at]!.data) === 0);
    if (!same)
      throw new Error(`chunk ${chunks[index]}: the recorded job does not resample to what was verified`);
    return job;
  });
}

const cpuMs = (started: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
};

/** One replay of every job on a fresh verifier: CPU and wall ms, and the results' digest. */
async function replay(jobs: readonly VerifyJob[]) {
  const verifier = createPixelVerifier();
  const digest = createHash('sha256');
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (const job of jobs) {
    const result = await verifier.verify(prepareVerifyInput(job));
    digest.update(`${JSON.stringify(result)}\n`);
  }
  return { cpuMs: cpuMs(cpu), wallMs: performance.now() - wall, digest: digest.digest('hex') };
}

/**
 * The parts, timed one by one on the inputs each job's verification had (its history and plate read back from the
 * verifier's state after the job). CPU ms summed over all jobs.
 */
async function parts(jobs: readonly VerifyJob[]) {
  const verifier = createPixelVerifier();
  const total = { resize: 0, background: 0, mask: 0, detect: 0, describe: 0, check: 0 };
  let previousPlate: Uint8Array | undefined;
  let calls = 0;
  for (const job of jobs) {
    let started = process.cpuUsage();
    const input = prepareVerifyInput(job);
    const frames = restoreAspect(input);
    total.resize += cpuMs(started);
    await verifier.verify(input);
    const state = restorePixelState(verifier.snapshot!());
    if (input.entities.length === 0 || !state.background) {
      previousPlate = undefined;
      continue;
    }
    // Re-estimated on a refresh call, while the history fills, or after a reset (a new plate).
    const plate = state.background;
    const refreshed =
      calls % 4 === 0 ||
      state.history.length < 12 ||
      previousPlate === undefined ||
      Buffer.compare(previousPlate, plate.data) !== 0;
    calls = state.calls;
    previousPlate = plate.data;
    if (refreshed) {
      started = process.cpuUsage();
      estimateSceneBackground(state.history);
      total.background += cpuMs(started);
    }
    for (const frame of frames) {
      started = process.cpuUsage();
      foregroundMask(frame, plate);
      total.mask += cpuMs(started);
      started = process.cpuUsage();
      const detection = detectFigures(frame, plate);
      total.detect += cpuMs(started);
      started = process.cpuUsage();
      const figures = detection.figures.map((figure) => describeFigure(frame, detection.mask, figure.box));
      total.describe += cpuMs(started);
      started = process.cpuUsage();
      const looks = input.entities.map((entity) => entity.attrs.map(parseAttribute));
      matchFigures(
        figures,
        input.entities.map((entity, index) => ({ key: String(entity.id), look: looks[index]! })),
      );
      for (const figure of figures) for (const look of looks) checkAttributes(figure, look);
      total.check += cpuMs(started);
    }
  }
  // detectFigures computes the mask itself: its own part is what it adds.
  total.detect = Math.max(0, total.detect - total.mask);
  return total;
}

const sizes = values.size ?? ['240x136', '480x270'];
const allDigest = createHash('sha256');
for (const size of sizes) {
  const [width, height] = size.split('x').map(Number) as [number, number];
  const jobs = await jobsAt(width, height);
  const times: Array<{ cpuMs: number; wallMs: number }> = [];
  let digest = '';
  for (let round = 0; round < rounds; round++) {
    const result = await replay(jobs);
    if (digest !== '' && result.digest !== digest)
      throw new Error('the verifier gave different results on replay');
    digest = result.digest;
    times.push(result);
  }
  allDigest.update(`${size} ${digest}\n`);
  const best = (key: 'cpuMs' | 'wallMs') => Math.min(...times.map((time) => time[key]));
  const part = await parts(jobs);
  const perChunk = (ms: number) => (ms / jobs.length).toFixed(2);
  console.log(
    `${script.id} ${size}: ${jobs.length} jobs; per chunk, best of ${rounds}: CPU ${perChunk(best('cpuMs'))} ms, wall ${perChunk(best('wallMs'))} ms (rounds CPU ms per chunk: ${times.map((time) => perChunk(time.cpuMs)).join(' ')})`,
  );
  console.log(
    `  parts, CPU ms per chunk: ${Object.entries(part)
      .map(([name, ms]) => `${name} ${perChunk(ms)}`)
      .join(', ')}`,
  );
  console.log(`  results sha256 ${digest}`);
}
console.log(`all results sha256 ${allDigest.digest('hex')}`);
