import { lookFit } from './check-attributes.js';
import type { FigureDescription } from './describe-figure.js';
import { assignByFit, type ExpectedCharacter, type FigureMatch } from './match-figures.js';
import type { TrackMember } from './track-figures.js';

/**
 * Samples a track must be seen in to compete for a character (with three or more samples in the segment): a blob
 * seen once (a setting change, a fragment) should not take a character's match. It still counts as a figure for
 * duplication, where a transient extra person is what the engine's duplication looks like.
 */
const persistSamples = 2;

/** The tracks seen in at least {@link persistSamples} samples (all tracks when the segment has fewer than 3). */
export function persistentTracks(tracks: readonly TrackMember[][], samples: number): TrackMember[][] {
  return samples < 3 ? tracks.slice() : tracks.filter((track) => track.length >= persistSamples);
}

/** A track's match, spread onto one of its samples. */
export interface TrackSampleMatch {
  /** Index of the sampled frame. */
  sample: number;
  /** The match of that sample's figure (fit and margin are the track's). */
  match: FigureMatch;
}

/**
 * Assigns whole tracks to the characters on screen: a track's fit to a character is the mean of its figures'
 * fits (each figure votes), then the exact assignment. The margin is the track's fit minus the best alternative:
 * another character for this track or another track for this character.
 *
 * @example
 * matchTracks(tracks, samples.map((s) => s.figures), [{ key: 'ravi', look }])
 */
export function matchTracks(
  tracks: readonly TrackMember[][],
  samples: readonly (readonly FigureDescription[])[],
  characters: readonly ExpectedCharacter[],
): TrackSampleMatch[] {
  const fits = characters.map((character) =>
    tracks.map((track) => {
      const values = track.map(
        (member) => lookFit(samples[member.sample]![member.figure]!, character.look) ?? 0.5,
      );
      return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    }),
  );
  const result: TrackSampleMatch[] = [];
  for (const [character, track] of assignByFit(fits)) {
    const fit = fits[character]![track]!;
    const alternatives = fits.filter((_, other) => other !== character).map((row) => row[track]!);
    // Without an alternative the pairing is unambiguous, however poor its fit.
    const margin = alternatives.length === 0 ? 1 : Math.max(0, fit - Math.max(...alternatives));
    for (const member of tracks[track]!)
      result.push({
        sample: member.sample,
        match: { key: characters[character]!.key, figure: member.figure, fit, margin },
      });
  }
  return result;
}
