import { descriptionSimilarity, type FigureDescription } from './describe-figure.js';

/** Tuning of {@link trackFigures}. */
export interface TrackOptions {
  /** Largest move of a figure's box centre between linked samples, in figure heights. Default 0.6. */
  maxMove?: number;
  /** Largest height ratio between linked detections (either way). Default 1.6. */
  maxHeightRatio?: number;
  /** Samples a track may skip (a missed detection) and still be continued. Default 1. */
  maxGap?: number;
}

/** One detection in a track: the sample it was seen in and its index among that sample's figures. */
export interface TrackMember {
  /** Index of the sampled frame within the segment. */
  sample: number;
  /** Index of the figure within that sample. */
  figure: number;
}

/**
 * Links the figures detected in a segment's sampled frames into tracks by continuity of position, size and
 * colour, so that a person is judged over all its frames rather than frame by frame. Links are made greedily,
 * cheapest first, each track holding at most one figure per sample.
 *
 * @example
 * trackFigures([[a0, b0], [a1, b1]]) // [[{sample: 0, figure: 0}, {sample: 1, figure: 0}], [...]]
 */
export function trackFigures(
  samples: readonly (readonly FigureDescription[])[],
  options: TrackOptions = {},
): TrackMember[][] {
  const maxMove = options.maxMove ?? 0.6;
  const maxHeightRatio = options.maxHeightRatio ?? 1.6;
  const maxGap = options.maxGap ?? 1;
  const tracks: TrackMember[][] = [];
  for (const [sample, figures] of samples.entries()) {
    const links: Array<{ track: number; figure: number; cost: number }> = [];
    for (const [track, members] of tracks.entries()) {
      const last = members[members.length - 1]!;
      if (sample - last.sample > maxGap + 1) continue;
      const previous = samples[last.sample]![last.figure]!;
      for (const [figure, current] of figures.entries()) {
        const cost = linkCost(previous, current, maxMove, maxHeightRatio);
        if (cost !== undefined) links.push({ track, figure, cost: cost + (sample - last.sample - 1) * 0.3 });
      }
    }
    links.sort((a, b) => a.cost - b.cost);
    const takenTracks = new Set<number>();
    const takenFigures = new Set<number>();
    for (const { track, figure } of links) {
      if (takenTracks.has(track) || takenFigures.has(figure)) continue;
      takenTracks.add(track);
      takenFigures.add(figure);
      tracks[track]!.push({ sample, figure });
    }
    for (const figure of figures.keys()) if (!takenFigures.has(figure)) tracks.push([{ sample, figure }]);
  }
  return tracks;
}

function linkCost(
  a: FigureDescription,
  b: FigureDescription,
  maxMove: number,
  maxHeightRatio: number,
): number | undefined {
  const height = Math.max(a.box[3], b.box[3]);
  const ratio = Math.max(a.box[3], b.box[3]) / Math.max(1, Math.min(a.box[3], b.box[3]));
  const move = Math.hypot(
    a.box[0] + a.box[2] / 2 - (b.box[0] + b.box[2] / 2),
    a.box[1] + a.box[3] / 2 - (b.box[1] + b.box[3] / 2),
  );
  if (move > maxMove * height || ratio > maxHeightRatio) return undefined;
  const colour = 1 - (descriptionSimilarity(a, b) ?? 0.5);
  return move / height + Math.log(ratio) + colour;
}
