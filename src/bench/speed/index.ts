export { formatSpeedReport, speedReportJson } from './format-speed-report.js';
export {
  runSpeedBench,
  type SpeedBenchOptions,
  type SpeedReport,
  type SpeedRun,
  type SpeedSummary,
} from './run-speed-bench.js';
export { selectSpeedScripts } from './select-speed-scripts.js';
export { type SpeedVariant, speedVariants, variantLabel } from './speed-variants.js';
export {
  criticalPathAgentMs,
  engineMs,
  formatWorkProfile,
  groupMs,
  type ProfileGroup,
  profileParts,
} from './work-profile-groups.js';
