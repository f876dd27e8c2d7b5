import Database from 'better-sqlite3';

/** Where a run is in its life. */
export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** One row of the run index. */
export interface RunRow {
  id: string;
  /** ISO time the run was submitted. */
  createdAt: string;
  status: RunStatus;
  policy: string;
  scriptId: string;
  seed: number;
  width: number;
  height: number;
  /** Prompts of the script as submitted. */
  prompts: number;
  /** What went wrong, for `failed`. */
  error: string | null;
  /** Evaluation total and dimensions (0..100) once evaluated, else null. */
  scores: Record<string, number> | null;
}

/** The SQLite index of the runs under `--data` (the run folders hold the outputs). */
export interface RunIndex {
  insert(row: RunRow): void;
  update(id: string, fields: Partial<Pick<RunRow, 'status' | 'error' | 'scores'>>): void;
  get(id: string): RunRow | undefined;
  /** Newest first. */
  list(limit?: number): RunRow[];
  close(): void;
}

interface Stored {
  id: string;
  created_at: string;
  status: RunStatus;
  policy: string;
  script_id: string;
  seed: number;
  width: number;
  height: number;
  prompts: number;
  error: string | null;
  scores: string | null;
}

const fromStored = (row: Stored): RunRow => ({
  id: row.id,
  createdAt: row.created_at,
  status: row.status,
  policy: row.policy,
  scriptId: row.script_id,
  seed: row.seed,
  width: row.width,
  height: row.height,
  prompts: row.prompts,
  error: row.error,
  scores: row.scores === null ? null : (JSON.parse(row.scores) as Record<string, number>),
});

/**
 * Opens (creating) the run index. Runs left `queued` or `running` by a previous process become `interrupted`.
 *
 * @example
 * const index = openRunIndex('data/runs.sqlite');
 */
export function openRunIndex(path: string): RunIndex {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, status TEXT NOT NULL, policy TEXT NOT NULL,
    script_id TEXT NOT NULL, seed INTEGER NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,
    prompts INTEGER NOT NULL, error TEXT, scores TEXT)`);
  db.prepare(`UPDATE runs SET status = 'interrupted' WHERE status IN ('queued', 'running')`).run();
  const insert = db.prepare(`INSERT INTO runs VALUES
    (@id, @created_at, @status, @policy, @script_id, @seed, @width, @height, @prompts, @error, @scores)`);
  const get = db.prepare<[string], Stored>('SELECT * FROM runs WHERE id = ?');
  const list = db.prepare<[number], Stored>('SELECT * FROM runs ORDER BY created_at DESC, id DESC LIMIT ?');
  return {
    insert(row) {
      insert.run({
        id: row.id,
        created_at: row.createdAt,
        status: row.status,
        policy: row.policy,
        script_id: row.scriptId,
        seed: row.seed,
        width: row.width,
        height: row.height,
        prompts: row.prompts,
        error: row.error,
        scores: row.scores === null ? null : JSON.stringify(row.scores),
      });
    },
    update(id, fields) {
      const sets: string[] = [];
      const values: Record<string, unknown> = { id };
      if (fields.status !== undefined) {
        sets.push('status = @status');
        values.status = fields.status;
      }
      if (fields.error !== undefined) {
        sets.push('error = @error');
        values.error = fields.error;
      }
      if (fields.scores !== undefined) {
        sets.push('scores = @scores');
        values.scores = fields.scores === null ? null : JSON.stringify(fields.scores);
      }
      if (sets.length > 0) db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = @id`).run(values);
    },
    get: (id) => {
      const row = get.get(id);
      return row ? fromStored(row) : undefined;
    },
    list: (limit = 200) => list.all(limit).map(fromStored),
    close: () => db.close(),
  };
}
