/**
 * Pixel vision of the embedded pixel verifier (src/agents/vlm/pixel): attribute phrases, background estimation,
 * figure detection and description, and matching figures to expected characters. Pure functions over packed RGB
 * frames. Not shared with the evaluator, which measures with its own code (src/bench/eval/measure); the rule
 * `eval-independent-of-agents-and-engine` of `npm run deps` keeps it so (only eval tests borrow the test painter
 * in __fixtures__).
 */

export { type AttributeCheck, checkAttributes, lookFit } from './check-attributes.js';
export { type CleanPlateOptions, cleanPlate, isSkin } from './clean-plate.js';
export { type Lab, labDistance, rgbToLab } from './color-space.js';
export {
  basicColorTerms,
  colorFitMargin,
  colorWordDistance,
  colorWordFits,
  colorWordPrototypes,
  isColorWord,
  nameColor,
  normalizeColorWord,
} from './color-words.js';
export { type Box, type Component, connectedComponents } from './connected-components.js';
export {
  type CssColor,
  cssColors,
  deltaE2000,
  type LabD50,
  labOf,
  nearestCssIndex,
  type Rgb,
} from './css-colors.js';
export {
  type Anatomy,
  averageDescriptions,
  defaultAnatomy,
  describeFigure,
  descriptionSimilarity,
  type FigureDescription,
  type RegionColor,
  type RegionName,
} from './describe-figure.js';
export { type DetectedFigure, type Detection, type DetectOptions, detectFigures } from './detect-figures.js';
export { estimateBackground, estimateSceneBackground } from './estimate-background.js';
export { changedSlots, expectedLook } from './expected-look.js';
export { foregroundMask, type Mask } from './foreground-mask.js';
export { hairColorDistance, hairColorTerms, nameHairColor, resolveHairColor } from './hair-colors.js';
export { type ExpectedCharacter, type FigureMatch, matchFigures } from './match-figures.js';
export { type AttributeSlot, type ParsedAttribute, parseAttribute } from './parse-attribute.js';
