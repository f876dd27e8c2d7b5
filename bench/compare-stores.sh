#!/usr/bin/env bash
# Compares the results of two bench stores (SQLite) run by run: every dimension score, every stored metric, every
# identity point and the engine's cost counters, keyed by (script, policy, seed, size, steps). Timings are left out.
# Prints the differing lines (none when the results are identical) and exits 1 when there are any.
# Usage: bash bench/compare-stores.sh A/results.sqlite B/results.sqlite
set -euo pipefail
dump() {
  sqlite3 -readonly "$1" "
    SELECT r.script_id||'|'||r.policy||'|'||r.seed||'|'||r.width||'x'||r.height||'|'||r.steps||' '||line FROM runs r JOIN (
      SELECT id, 'status '||status||' scores '||quote(total)||' '||quote(quality)||' '||quote(temporal)||' '||quote(instruction)||' costs '||coalesce(costs,'') AS line FROM runs
      UNION ALL SELECT run_id, 'metric '||name||' '||quote(value) FROM metrics
      UNION ALL SELECT run_id, 'identity '||segment||' '||character||' '||present||' '||quote(consistency) FROM identity
    ) USING (id) ORDER BY 1;"
}
a=$(mktemp); b=$(mktemp)
trap 'rm -f "$a" "$b"' EXIT
dump "$1" > "$a"
dump "$2" > "$b"
echo "$(wc -l < "$a") result lines in $1, $(wc -l < "$b") in $2"
if diff "$a" "$b"; then echo "identical"; else exit 1; fi
