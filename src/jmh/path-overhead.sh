#!/usr/bin/env bash
# Per-step time of Path-SGD against SGD (same run, back to back, order alternating) on
# 784-4000-4000-10 at batch 64: the overhead figure of BENCHMARKS.md (issue #5).
# Usage: src/jmh/path-overhead.sh [REPS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-6}
T=${2:-1}
out=target/path-overhead-t$T.jsonl
: > "$out"
for r in $(seq 1 "$REPS"); do
  order="sgd path-sgd"
  [ $((r % 2)) -eq 0 ] && order="path-sgd sgd"
  for o in $order; do
    ./pathnorm bench train --arch 784-4000-4000-10 --batch 64 --threads "$T" --optimizer "$o" --steps 20 --repeat 3 \
      --warmup-seconds 3 --json | sed "s/^{/{\"rep\":$r,/" >> "$out"
  done
done
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
reps = {}
for r in rows:
    reps.setdefault(r["rep"], {})[r["optimizer"]] = r["ms_per_step"]
ov = [v["path-sgd"] / v["sgd"] - 1 for v in reps.values()]
sgd = statistics.median(v["sgd"] for v in reps.values())
path = statistics.median(v["path-sgd"] for v in reps.values())
print(f"threads {rows[0]['threads']}: SGD {sgd:.2f} ms/step, Path-SGD {path:.2f} ms/step, "
      f"overhead median {100 * statistics.median(ov):+.1f}% (min {100 * min(ov):+.1f}%, max {100 * max(ov):+.1f}%, {len(ov)} pairs)")
PY
