import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { captureFfmpeg } from '../../../../../video/run-ffmpeg.js';
import { resolveFfmpeg } from '../../../../../video/resolve-ffmpeg.js';

/** Real footage with two people in alternating shots, shipped by the Debian package opencv-doc. */
export const megamindPath = '/usr/share/doc/opencv-doc/examples/data/Megamind.avi';

/** Start times (seconds) of Megamind.avi shots, by who is on screen: the woman or the man. */
export const megamindShots = {
  womanFirst: 1.0,
  womanFirstLater: 2.5,
  manMedium: 4.6,
  womanSecond: 6.6,
  manCloseUp: 8.7,
} as const;

/** Each segment: 1.5 s at 16 fps, the timeline's own chunk size, so segments map onto the cuts exactly. */
const segmentSeconds = 1.5;

/** The prompt line both samples share: Roxanne, Roxanne, Bernard, Roxanne. */
export const megamindLine = {
  prompts: [
    'Roxanne raises her glass at the table.',
    'Roxanne smiles.',
    'Bernard answers.',
    'Roxanne laughs.',
  ],
  seconds: [segmentSeconds, segmentSeconds, segmentSeconds, segmentSeconds],
  characters: {
    roxanne: { aliases: ['Roxanne'], attrs: [] },
    bernard: { aliases: ['Bernard'], attrs: [] },
  },
  present: [['roxanne'], ['roxanne'], ['bernard'], ['roxanne']],
};

/**
 * Writes a NarraStream folder cut from Megamind.avi: sample 0 follows the annotations (the woman in segments 0,
 * 1 and 3, the man in 2); sample 1 shows the man's close-up in segment 1, where the script says Roxanne.
 */
export async function writeMegamindFolder(dir: string, width = 256): Promise<void> {
  const { womanFirst, womanFirstLater, manMedium, womanSecond, manCloseUp } = megamindShots;
  await mkdir(join(dir, 'video'), { recursive: true });
  await writeFile(join(dir, 'prompt.jsonl'), `${JSON.stringify(megamindLine)}\n${JSON.stringify(megamindLine)}\n`);
  await cut([womanFirst, womanFirstLater, manMedium, womanSecond], width, join(dir, 'video', 'sample_0.mp4'));
  await cut([womanFirst, manCloseUp, manMedium, womanSecond], width, join(dir, 'video', 'sample_1.mp4'));
}

/** Cuts the shots into one 16 fps H.264 video. */
async function cut(starts: readonly number[], width: number, path: string): Promise<void> {
  const inputs = starts.flatMap((start) => ['-ss', String(start), '-t', String(segmentSeconds), '-i', megamindPath]);
  const parts = starts.map(
    (_, index) => `[${index}:v]fps=16,scale=${width}:-2,setpts=PTS-STARTPTS,trim=end_frame=${16 * segmentSeconds}[s${index}]`,
  );
  const pads = starts.map((_, index) => `[s${index}]`).join('');
  const result = await captureFfmpeg(resolveFfmpeg(), [
    ...['-v', 'error', '-y', ...inputs],
    ...['-filter_complex', `${parts.join(';')};${pads}concat=n=${starts.length}:v=1:a=0[out]`],
    ...['-map', '[out]', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', path],
  ]);
  if (result.code !== 0) throw new Error(`ffmpeg could not cut ${megamindPath}: ${result.stderr || result.error?.message}`);
}
