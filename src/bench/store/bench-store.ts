import type { StoreResult } from './results-store.js';
import type { RunRecord } from './run-record.js';
import type { StoredRun } from './run-row.js';

/**
 * The results store of `iamflow bench` as a port: one SQLite file (default) or a shared PostgreSQL database, with
 * the same schema, migrations and semantics. Async, so a network database fits.
 */
export interface BenchStoreV1 {
  readonly specificationVersion: 'v1';
  /** `sqlite` or `postgres`. */
  readonly provider: string;
  /** Where it is, printable: a file path, or a database URL without its password. */
  readonly location: string;
  /** Keys (`runKeyString`) of the runs finished with status `done`. */
  doneKeys(): Promise<Set<string>>;
  /**
   * Writes a run atomically, replacing an earlier `failed` record of the same key; a key already `done` is kept
   * (`stored: false`), so a result delivered twice is stored once.
   */
  recordRun(record: RunRecord): Promise<StoreResult>;
  /** Every stored run (metrics and identity included), ordered by script, policy. */
  listRuns(filter?: { status?: RunRecord['status'] }): Promise<StoredRun[]>;
  /** Closes the connection. */
  close(): Promise<void>;
}
