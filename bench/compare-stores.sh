#!/usr/bin/env bash
# Compares the results of two bench stores (SQLite) run by run: every dimension score, every stored metric, every
# identity point and the engine's cost counters, keyed by (script, policy, seed, size, steps). Timings are left out.
# Prints the differing lines (none when the results are identical) and exits 1 when there are any.
# --ignore-cost NAME (repeatable) leaves one cost counter out of the comparison, e.g. decodedFrames between builds
# that decode different numbers of frames for the same video; it is still compared apart and the report says in how
# many runs it differs, so nothing is hidden.
# Usage: bash bench/compare-stores.sh [--ignore-cost NAME]... A/results.sqlite B/results.sqlite
set -euo pipefail
ignored=()
while [ "${1:-}" = "--ignore-cost" ]; do
  [[ "${2:-}" =~ ^[A-Za-z]+$ ]] || { echo "--ignore-cost needs a counter name, e.g. decodedFrames" >&2; exit 2; }
  ignored+=("$2")
  shift 2
done
[ $# -eq 2 ] || { echo "usage: bash bench/compare-stores.sh [--ignore-cost NAME]... A/results.sqlite B/results.sqlite" >&2; exit 2; }
costs="coalesce(costs,'')"
for name in ${ignored[@]+"${ignored[@]}"}; do costs="json_remove($costs,'\$.$name')"; done
[ ${#ignored[@]} -eq 0 ] || costs="CASE WHEN costs IS NULL THEN '' ELSE $costs END"
key="r.script_id||'|'||r.policy||'|'||r.seed||'|'||r.width||'x'||r.height||'|'||r.steps"
dump() {
  sqlite3 -readonly "$1" "
    SELECT $key||' '||line FROM runs r JOIN (
      SELECT id, 'status '||status||' scores '||quote(total)||' '||quote(quality)||' '||quote(temporal)||' '||quote(instruction)||' costs '||$costs AS line FROM runs
      UNION ALL SELECT run_id, 'metric '||name||' '||quote(value) FROM metrics
      UNION ALL SELECT run_id, 'identity '||segment||' '||character||' '||present||' '||quote(consistency) FROM identity
    ) USING (id) ORDER BY 1;"
}
a=$(mktemp); b=$(mktemp)
trap 'rm -f "$a" "$b"' EXIT
dump "$1" > "$a"
dump "$2" > "$b"
echo "$(wc -l < "$a") result lines in $1, $(wc -l < "$b") in $2"
for name in ${ignored[@]+"${ignored[@]}"}; do
  counter() { sqlite3 -readonly "$1" "SELECT $key||' '||quote(json_extract(r.costs,'\$.$name')) FROM runs r ORDER BY 1;"; }
  differing=$(join <(counter "$1") <(counter "$2") | awk '$2 != $3' | wc -l)
  sums=$(for store in "$1" "$2"; do sqlite3 -readonly "$store" "SELECT CAST(total(json_extract(costs,'\$.$name')) AS INTEGER) FROM runs;"; done | paste -sd' ')
  echo "costs.$name left out of the comparison: it differs in $differing of $(wc -l < <(counter "$1")) runs (sum over runs: ${sums/ / in A, } in B)"
done
if diff "$a" "$b"; then echo "identical"; else exit 1; fi
