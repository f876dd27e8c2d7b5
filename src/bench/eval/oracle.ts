/** Identity metrics computed from the miniature engine's render record, to check the pixel metrics. */
export interface OracleReport {
  /** Same meaning as the pixel metric, computed from appearance vectors, 0..100. */
  metrics: Record<string, number>;
}
