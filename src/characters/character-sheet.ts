import { z } from 'zod';

/** Version of the characters.json layout; bumped on any incompatible change. */
export const characterSheetVersion = 1 as const;

const boxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/** One crop of a character: a sampled frame the verifier checked, and where it saw them there. */
export const characterCropSchema = z.object({
  /** Chunk whose sampled frame it is. */
  chunk: z.number().int().nonnegative(),
  /** 0-based segment (prompt) of that chunk. */
  segment: z.number().int().nonnegative(),
  /** Video frame index in video.mp4. */
  videoFrame: z.number().int().nonnegative(),
  /** The verifier's score of that frame, 0..1. */
  score: z.number(),
  /** Left, top, width, height as fractions of the frame; null when the verifier reports no boxes (whole frame). */
  box: boxSchema.nullable(),
});

/** One attribute correction the verifier made, as the policy applied it. */
export const characterCorrectionSchema = z.object({
  /** Chunk at which it was applied. */
  chunk: z.number().int().nonnegative(),
  /** 0-based segment of that chunk. */
  segment: z.number().int().nonnegative(),
  /** Attributes the verifier proposed. */
  attrs: z.array(z.string()),
  /** The character's attributes before and after. */
  before: z.array(z.string()),
  after: z.array(z.string()),
});

/** One global ID of a run. */
export const characterSchema = z.object({
  /** Global ID, 1-based. */
  id: z.number().int().positive(),
  /** Registry type name (`woman_1`). */
  name: z.string(),
  /** Proper name, when a prompt gave one. */
  properName: z.string().optional(),
  /** woman, man, girl, boy or person. */
  kind: z.string(),
  /** Every mention the agents resolved to this ID, as written. */
  mentions: z.array(z.string()),
  /** 0-based segments whose prompt names this ID (the agents' reading). */
  segments: z.array(z.number().int().nonnegative()),
  /** Attributes as the prompts registered them (merged slot by slot, before any correction). */
  registered: z.array(z.string()),
  /** Attributes at the end of the run, after the verifier's corrections. */
  verified: z.array(z.string()),
  /** Corrections applied to this ID, in order. */
  corrections: z.array(characterCorrectionSchema),
  /** Sampled frames of its segments the verifier checked, and those in which it saw this ID. */
  sightings: z.object({ checked: z.number().int(), seen: z.number().int() }),
  /** The best verified crops, in time order (at most `maxCrops`, one per segment first). */
  crops: z.array(characterCropSchema),
  /** The sheet picture relative to the run folder (`characters/1.png`), null when none was written. */
  image: z.string().nullable(),
});

/** characters.json: who is who in a run, from the policy's registry and verification. */
export const characterSheetSchema = z.object({
  version: z.literal(characterSheetVersion),
  /** The policy of the run. */
  policy: z.string(),
  /** Whether the policy keeps an identity registry (only then are there characters). */
  registry: z.boolean(),
  /** One entry per global ID, by ascending ID. */
  characters: z.array(characterSchema),
});

export type CharacterCrop = z.infer<typeof characterCropSchema>;
export type CharacterCorrection = z.infer<typeof characterCorrectionSchema>;
export type Character = z.infer<typeof characterSchema>;
export type CharacterSheet = z.infer<typeof characterSheetSchema>;
