export { type DecodeResult, decodeUtf8, findInvalidUtf8 } from './decode-utf8.js';
export { detectScriptFormat, SCRIPT_FORMATS, type ScriptFormat } from './detect-script-format.js';
export {
  type ParseScriptOptions,
  parseScriptEntries,
  parseScriptText,
  type ScriptEntry,
  type ScriptParseResult,
} from './parse-script-text.js';
export { type ReadScriptOptions, readScript, readScriptFile, readScripts } from './read-script.js';
export type { CharacterAnnotation, CharacterReference, Script, ScriptAnnotations } from './script.js';
export { scriptDefaults, scriptLimits } from './script-limits.js';
export { type ScriptObject, scriptObjectSchema } from './script-schema.js';
export { selectScript } from './select-script.js';
export { buildTimeline, type Segment, segmentAt, type Timeline, timelineDefaults } from './timeline.js';
