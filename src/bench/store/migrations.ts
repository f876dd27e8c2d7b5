import type Database from 'better-sqlite3';
import { StoreError } from '../../errors/index.js';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` holds how many have run. Append, never edit a
 * released step.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE runs (
     id INTEGER PRIMARY KEY,
     script_id TEXT NOT NULL,
     dimension TEXT NOT NULL,
     policy TEXT NOT NULL,
     seed INTEGER NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
     error TEXT,
     wall_seconds REAL NOT NULL,
     generate_seconds REAL,
     video_seconds REAL,
     realtime_factor REAL,
     costs TEXT,
     total REAL,
     quality REAL,
     temporal REAL,
     instruction REAL,
     run_dir TEXT,
     created TEXT NOT NULL,
     UNIQUE (script_id, policy, seed, width, height)
   );
   CREATE TABLE metrics (
     run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     value REAL NOT NULL,
     PRIMARY KEY (run_id, name)
   );
   CREATE TABLE identity (
     run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     segment INTEGER NOT NULL,
     character TEXT NOT NULL,
     present INTEGER NOT NULL,
     consistency REAL,
     PRIMARY KEY (run_id, segment, character)
   );
   CREATE INDEX runs_policy ON runs (policy, status);`,
];

/** Brings a database up to the latest schema; returns the version it was at before. */
export function migrate(database: Database.Database): number {
  const before = database.pragma('user_version', { simple: true }) as number;
  if (before > migrations.length) {
    throw new StoreError({
      message: `results store schema version ${before} is newer than this iamflow knows (${migrations.length})`,
      issues: [
        {
          code: 'store-too-new',
          path: ['results.sqlite'],
          message: `schema version ${before} is newer than ${migrations.length}`,
          hint: 'upgrade iamflow, or write the results to a new --out folder',
        },
      ],
    });
  }
  for (let version = before; version < migrations.length; version++) {
    database.transaction(() => {
      database.exec(migrations[version]!);
      database.pragma(`user_version = ${version + 1}`);
    })();
  }
  return before;
}
