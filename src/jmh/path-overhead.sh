#!/usr/bin/env bash
# Per-step time of a path-normalised optimiser against SGD (same run, back to back, order
# alternating) on 784-4000-4000-10 at batch 64: the overhead figures of BENCHMARKS.md (issue #5).
# Usage: [PATHNORM=launcher] src/jmh/path-overhead.sh [REPS] [THREADS] [OPTIONS of the compared optimiser]
#   e.g. src/jmh/path-overhead.sh 6 1                                  (Path-SGD)
#        src/jmh/path-overhead.sh 5 1 --optimizer ddp-sgd --alpha 0    (DDP-SGD, α = 0, exact)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-6}
T=${2:-1}
shift $(( $# < 2 ? $# : 2 ))
OTHER=("$@")
[ ${#OTHER[@]} -eq 0 ] && OTHER=(--optimizer path-sgd)
out=target/path-overhead-t$T.jsonl
: > "$out"
run() {  # $1 = rep, $2 = label, rest = options
  local r=$1 label=$2
  shift 2
  ${PATHNORM:-./pathnorm} bench train --arch 784-4000-4000-10 --batch 64 --threads "$T" "$@" --steps 20 --repeat 3 \
    --warmup-seconds 3 --json | sed "s/^{/{\"rep\":$r,\"label\":\"$label\",/" >> "$out"
}
for r in $(seq 1 "$REPS"); do
  if [ $((r % 2)) -eq 1 ]; then run "$r" base --optimizer sgd; run "$r" other "${OTHER[@]}"
  else run "$r" other "${OTHER[@]}"; run "$r" base --optimizer sgd; fi
done
python3 - "$out" "${OTHER[*]}" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
reps = {}
for r in rows:
    reps.setdefault(r["rep"], {})[r["label"]] = r["ms_per_step"]
ov = [v["other"] / v["base"] - 1 for v in reps.values()]
sgd = statistics.median(v["base"] for v in reps.values())
other = statistics.median(v["other"] for v in reps.values())
print(f"threads {rows[0]['threads']}: SGD {sgd:.2f} ms/step, [{sys.argv[2]}] {other:.2f} ms/step, "
      f"overhead median {100 * statistics.median(ov):+.1f}% (min {100 * min(ov):+.1f}%, max {100 * max(ov):+.1f}%, {len(ov)} pairs)")
PY
