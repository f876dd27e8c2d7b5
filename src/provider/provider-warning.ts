/** A non-fatal note a provider attaches to a result (shared by the LLM and VLM agents and the evaluation judge). */
export type ProviderWarning =
  | {
      /** The primary provider failed and the fallback produced this result. */
      type: 'fallback';
      /** Always true; lets run.json consumers test `warning.fallback`. */
      fallback: true;
      /** Why the primary failed (error name and message). */
      reason: string;
      /** Provider that failed. */
      provider: string;
    }
  | {
      /** Anything else: an invented ID replaced, a score out of range, an unknown ID dropped. */
      type: 'other';
      /** One sentence. */
      message: string;
    };
