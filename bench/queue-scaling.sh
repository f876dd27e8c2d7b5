#!/usr/bin/env bash
# Scaling of the queued benchmark on this machine: the same sample with 1 and 2 worker processes.
# Usage: bash bench/queue-scaling.sh [REDIS_URL] [WORKERS...]   (after `npm run build`)
# The sample is smoke-12 x 4 policies (48 runs); LIMIT=N takes N scripts of each dimension of the full suite instead
# (LIMIT=10: 240 runs), for a batch long enough that its tail (the last run alone on one worker) weighs little.
# Writes bench/results/queue-scaling-<N>w/ and prints each run's JSON summary with the load average.
set -euo pipefail
cd "$(dirname "$0")/.."
url="${1:-redis://127.0.0.1:6379}"
shift || true
counts=("${@:-1 2}")
sample=(--suite bench/suite/smoke-12.jsonl --no-video --quiet --json)
[ -z "${LIMIT:-}" ] || sample=(--suite bench/suite/narrastream-324.jsonl --limit "$LIMIT" --no-video --quiet --json)
for n in ${counts[@]}; do
  name="scaling-$n-$$"
  out="bench/results/queue-scaling-${n}w"
  rm -rf "$out"
  pids=()
  for _ in $(seq "$n"); do
    node bin/iamflow.js worker --queue "$url" --queue-name "$name" --quiet & pids+=($!)
  done
  echo "== $n worker process(es); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  node bin/iamflow.js bench "${sample[@]}" --out "$out" --queue "$url" --queue-name "$name"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  kill -TERM "${pids[@]}"
  wait "${pids[@]}" 2>/dev/null || true
  # Leave nothing of the measurement's queue in Redis.
  node --input-type=module -e "import { Queue } from 'bullmq'; import { Redis } from 'ioredis';
    const connection = new Redis(process.argv[1], { maxRetriesPerRequest: null });
    const queue = new Queue(process.argv[2], { connection, prefix: 'iamflow' });
    await queue.obliterate({ force: true }); await queue.close(); connection.disconnect();" "$url" "$name"
done
