import type { VideoFrame } from '../../../frame/video-frame.js';
import { regionsOf } from '../../../vision/check-attributes.js';
import {
  type AttributeCheck,
  checkAttributes,
  type DetectOptions,
  describeFigure,
  detectFigures,
  type FigureDescription,
  matchFigures,
  nameHairColor,
  type ParsedAttribute,
  parseAttribute,
} from '../../../vision/index.js';
import type { VerifyEntity } from '../frame-verifier.js';

/** One entity as found (or not) in one frame. */
export interface EntityReading {
  /** Entity ID. */
  id: number;
  /** Look fit of the figure assigned to it, 0..1; 0 when no figure was assigned. */
  fit: number;
  /** Attribute checks on that figure (empty when unassigned). */
  checks: AttributeCheck[];
  /** The assigned figure, when any. */
  figure?: FigureDescription;
}

/** What the pixels of one frame say about the expected entities. */
export interface FrameReading {
  /** Figures detected. */
  figures: number;
  /** One reading per expected entity, in input order. */
  entities: EntityReading[];
}

/**
 * Detects figures against a background estimate, reads their colours and assigns them to the expected entities
 * by look fit (exact search).
 */
export function readFrame(
  frame: VideoFrame,
  background: VideoFrame,
  entities: readonly VerifyEntity[],
  detect: DetectOptions = {},
): FrameReading {
  const detection = detectFigures(frame, background, detect);
  const figures = detection.figures.map((figure) => describeFigure(frame, detection.mask, figure.box));
  const looks = entities.map((entity) => entity.attrs.map(parseAttribute));
  const matches = matchFigures(
    figures,
    entities.map((entity, index) => ({ key: String(entity.id), look: looks[index]! })),
  );
  return {
    figures: figures.length,
    entities: entities.map((entity, index) => {
      const match = matches.find((item) => item.key === String(entity.id));
      if (!match) return { id: entity.id, fit: 0, checks: [] };
      const figure = figures[match.figure]!;
      return { id: entity.id, fit: match.fit, checks: checkAttributes(figure, looks[index]!), figure };
    }),
  };
}

/** The colour word the pixels show where an attribute should be (hair words for hair), or undefined. */
export function readAttributeColor(
  figure: FigureDescription,
  attribute: ParsedAttribute,
): string | undefined {
  const region = regionsOf(attribute.slot, attribute.fullBody === true)
    .map((name) => figure.regions[name])
    .find((item) => item !== undefined);
  if (!region) return undefined;
  return attribute.slot === 'hair' ? nameHairColor(region.rgb) : region.name;
}
