#!/usr/bin/env bash
# Addition problem, ReLU RNN + linear read-out, 1 thread, sequences/s (BENCHMARKS.md "Recurrent networks"):
#  (a) PathNorm SGD (momentum 0.9, clip 1) vs PyTorch (nn.RNN relu + nn.Linear, MSE, clip_grad_norm_, SGD momentum 0.9);
#  (b) PathNorm RNN-Path vs PathNorm SGD (the step overhead of κ⁽¹⁾).
# Each pair runs back to back with the order alternating; the median of the per-pair ratios is reported.
# Usage (after mvn -o -q compile): src/jmh/rnn/rnn-vs-pytorch.sh [T] [H] [BATCH] [PAIRS] [SECONDS]
set -euo pipefail
T=${1:-100} H=${2:-100} B=${3:-50} PAIRS=${4:-5} SEC=${5:-6}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=$(mktemp)
jrun() { "${JAVA:-java}" --add-modules jdk.incubator.vector -cp "$root/target/classes" "$here/RnnStepTiming.java" "$T" "$H" "$B" "$1" "$SEC" 2>/dev/null >> "$out"; }
trun() { OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 "$here/torch_rnn_bench.py" "$T" "$H" "$B" "$SEC" >> "$out"; }
for r in $(seq 1 "$PAIRS"); do
  if [ $((r % 2)) -eq 1 ]; then jrun sgd; trun; jrun path-sgd; else trun; jrun sgd; jrun path-sgd; fi
done
python3 - "$out" "$PAIRS" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
pn = [r["seq_per_s"] for r in rows if r["impl"] == "pathnorm" and r["method"] == "sgd"]
pt = [r["seq_per_s"] for r in rows if r["impl"] == "pytorch"]
pp = [r["seq_per_s"] for r in rows if r["impl"] == "pathnorm" and r["method"] == "path-sgd"]
r0 = rows[0]
print(f"T={r0['T']} H={r0['H']} batch={r0['batch']}, 1 thread, {len(pn)} pairs")
print(f"PathNorm SGD {statistics.median(pn):.0f} seq/s, PyTorch {statistics.median(pt):.0f} seq/s, "
      f"ratio median {statistics.median([a / b for a, b in zip(pn, pt)]):.2f} "
      f"(min {min(a / b for a, b in zip(pn, pt)):.2f}, max {max(a / b for a, b in zip(pn, pt)):.2f})")
over = [s / p - 1 for s, p in zip(pn, pp)]
print(f"RNN-Path {statistics.median(pp):.0f} seq/s: step overhead over SGD median {100 * statistics.median(over):.1f}% "
      f"(min {100 * min(over):.1f}%, max {100 * max(over):.1f}%)")
PY
rm -f "$out"
