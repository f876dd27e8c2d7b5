import { createCanvas, ImageData } from '@napi-rs/canvas';
import { rgbToRgba } from '../frame/encode-png.js';
import type { VideoFrame } from '../frame/video-frame.js';
import type { Character, CharacterCrop } from './character-sheet.js';

const CELL = { width: 132, height: 200 } as const;
const MARGIN = 14;
const LINE = 18;

/**
 * Draws one character's sheet as a PNG: the name and ID, the prompts where it appears, its attributes as
 * registered and as verified, its corrections, then its best verified crops with their prompt and score.
 * `frames` holds the sampled frame of each crop (by video frame index); a crop without its frame is left out.
 *
 * @example
 * const png = renderCharacterCard(sheet.characters[0], new Map([[48, frame]]));
 */
export function renderCharacterCard(character: Character, frames: ReadonlyMap<number, VideoFrame>): Buffer {
  const crops = character.crops.filter((crop) => frames.has(crop.videoFrame));
  const lines = describe(character);
  const width = Math.max(520, MARGIN * 2 + Math.max(1, crops.length) * (CELL.width + 8));
  const textHeight = MARGIN + 26 + lines.length * LINE + 16;
  const height = textHeight + (crops.length > 0 ? CELL.height + 30 : 24) + MARGIN;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fbfaf7';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#1d1d1d';
  context.font = 'bold 18px sans-serif';
  const title = character.properName ? `${character.properName}  (${character.name})` : character.name;
  context.fillText(`#${character.id}  ${title}`, MARGIN, MARGIN + 18);
  context.font = '13px sans-serif';
  lines.forEach((line, index) => {
    context.fillStyle =
      line.startsWith('verified') && line !== `verified: ${character.registered.join(', ')}`
        ? '#9a3412'
        : '#333333';
    context.fillText(clip(line, width - 2 * MARGIN), MARGIN, MARGIN + 26 + (index + 1) * LINE);
  });
  if (crops.length === 0) {
    context.fillStyle = '#777777';
    context.fillText('no verified sighting to crop', MARGIN, textHeight + 16);
  }
  crops.forEach((crop, index) => {
    const x = MARGIN + index * (CELL.width + 8);
    context.fillStyle = '#e7e4dc';
    context.fillRect(x, textHeight, CELL.width, CELL.height);
    const piece = cropFrame(frames.get(crop.videoFrame)!, crop);
    const scale = Math.min(CELL.width / piece.width, CELL.height / piece.height);
    const drawn = { width: piece.width * scale, height: piece.height * scale };
    const source = createCanvas(piece.width, piece.height);
    source
      .getContext('2d')
      .putImageData(
        new ImageData(rgbToRgba(piece.data, piece.width * piece.height), piece.width, piece.height),
        0,
        0,
      );
    context.imageSmoothingEnabled = true;
    context.drawImage(
      source,
      x + (CELL.width - drawn.width) / 2,
      textHeight + (CELL.height - drawn.height) / 2,
      drawn.width,
      drawn.height,
    );
    context.fillStyle = '#333333';
    context.font = '12px sans-serif';
    context.fillText(
      `prompt ${crop.segment + 1} · ${crop.score.toFixed(2)}`,
      x,
      textHeight + CELL.height + 16,
    );
  });
  return canvas.toBuffer('image/png');
}

/** The text lines of a sheet (also what `iamflow characters` prints for one ID). */
export function describe(character: Character): string[] {
  const lines = [
    `prompts: ${character.segments.map((segment) => segment + 1).join(', ') || 'none'}   seen in ${character.sightings.seen} of ${character.sightings.checked} checked frames`,
    `mentions: ${character.mentions.join(', ')}`,
    `registered: ${character.registered.join(', ') || '(none)'}`,
    `verified: ${character.verified.join(', ') || '(none)'}`,
  ];
  for (const correction of character.corrections) {
    // Only what changed: the attributes it removed and those it added.
    const removed = correction.before.filter((attribute) => !correction.after.includes(attribute));
    const added = correction.after.filter((attribute) => !correction.before.includes(attribute));
    lines.push(
      `correction at chunk ${correction.chunk} (prompt ${correction.segment + 1}): ${removed.join(', ') || '(nothing)'} -> ${added.join(', ') || '(nothing)'}`,
    );
  }
  return lines;
}

/** The crop's box of a frame, padded a little (the whole frame without a box). */
export function cropFrame(frame: VideoFrame, crop: Pick<CharacterCrop, 'box'>): VideoFrame {
  if (!crop.box) return frame;
  const [left, top, width, height] = crop.box;
  const padX = 0.15 * width;
  const padY = 0.06 * height;
  const x0 = clamp(Math.floor((left - padX) * frame.width), 0, frame.width - 1);
  const y0 = clamp(Math.floor((top - padY) * frame.height), 0, frame.height - 1);
  const x1 = clamp(Math.ceil((left + width + padX) * frame.width), x0 + 1, frame.width);
  const y1 = clamp(Math.ceil((top + height + padY) * frame.height), y0 + 1, frame.height);
  const out = new Uint8Array((x1 - x0) * (y1 - y0) * 3);
  for (let y = y0; y < y1; y += 1) {
    out.set(
      frame.data.subarray((y * frame.width + x0) * 3, (y * frame.width + x1) * 3),
      (y - y0) * (x1 - x0) * 3,
    );
  }
  return { width: x1 - x0, height: y1 - y0, data: out };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function clip(text: string, pixels: number): string {
  const most = Math.floor(pixels / 6.6);
  return text.length > most ? `${text.slice(0, most - 3)}...` : text;
}
