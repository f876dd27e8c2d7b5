/** The feature sets `iamflow eval --features` chooses from. */
export const featureSetNames = ['embedded', 'human'] as const;

/** A feature set's name: `embedded` (model-free pixel proxies) or `human` (Human's face and person models). */
export type FeatureSetName = (typeof featureSetNames)[number];

/** Library, models and timings of a model-based feature set. */
export interface FeatureDetails {
  /** The library and backend that ran the models. */
  library: string;
  /** The models used, by file name in the package. */
  models: string[];
  /** Frames run through the models. */
  framesAnalysed: number;
  /** Time this evaluation waited for the library and models (ms; about 0 once loaded in this process). */
  loadMs: number;
  /** Mean wall time per analysed frame (ms). */
  msPerFrame: number;
  /** Mean CPU time of this process per analysed frame (ms): the wall time a lone single-threaded run would take. */
  cpuMsPerFrame: number;
  /** Mean faces kept per analysed frame. */
  meanFacesPerFrame: number;
  /** Distinct face identities clustered over the video (with annotations). */
  identities?: number;
}
