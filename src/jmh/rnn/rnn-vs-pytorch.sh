#!/usr/bin/env bash
# ReLU RNN + linear read-out, 1 thread, sequences/s (BENCHMARKS.md "Recurrent networks"):
#  (a) PathNorm SGD (momentum 0.9, clip 1) vs PyTorch (nn.RNN relu + nn.Linear, same loss, clip_grad_norm_, SGD momentum 0.9);
#  (b) PathNorm RNN-Path vs PathNorm SGD (the step overhead of κ⁽¹⁾).
# TASK: addition (D=2, squared error at the last step), seq (sequential-MNIST shapes: D=1, 10 classes),
# lm (character-LM shapes: one-hot over 50 symbols, cross-entropy at every step); see RnnStepTiming.java.
# Each pair runs PathNorm-SGD, PyTorch and PathNorm-RNN-Path back to back, in an order that rotates from
# pair to pair; the medians of the per-pair ratios are reported, by wall clock and (PathNorm) by CPU time.
# JDK: $JAVA, else the newest JDK under /usr/lib/jvm (as the pathnorm launcher picks), else java on PATH.
# Raw JSON lines are appended to $RAW if set. Classes: $CLASSES, else target/classes (copy them elsewhere if builds may run meanwhile: a rebuild under a
# running pair makes its JVM fail).
# Usage (after mvn -o -q compile): src/jmh/rnn/rnn-vs-pytorch.sh [TASK] [T] [H] [BATCH] [PAIRS] [SECONDS]
set -euo pipefail
TASK=${1:-addition} T=${2:-100} H=${3:-100} B=${4:-50} PAIRS=${5:-5} SEC=${6:-24}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
if [ -z "${JAVA:-}" ]; then
  JAVA=$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | while read -r j; do
    v=$("$j" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}'); echo "${v%%[.+-]*} $j"; done | sort -n | tail -1 | cut -d' ' -f2)
  JAVA=${JAVA:-java}
fi
echo "JDK: $("$JAVA" -version 2>&1 | head -1); load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
out=$(mktemp)
classes=${CLASSES:-$root/target/classes}
jrun() { "$JAVA" --add-modules jdk.incubator.vector -cp "$classes" "$here/RnnStepTiming.java" "$TASK" "$T" "$H" "$B" "$1" "$SEC" 2>/dev/null >> "$out"; }
trun() { OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 "$here/torch_rnn_bench.py" "$TASK" "$T" "$H" "$B" "$SEC" >> "$out"; }
for r in $(seq 1 "$PAIRS"); do
  case $((r % 3)) in
    1) jrun sgd; trun; jrun path-sgd ;;
    2) trun; jrun path-sgd; jrun sgd ;;
    0) jrun path-sgd; jrun sgd; trun ;;
  esac
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
pn = [r for r in rows if r["impl"] == "pathnorm" and r["method"] == "sgd"]
pp = [r for r in rows if r["impl"] == "pathnorm" and r["method"] == "path-sgd"]
ptr = [r for r in rows if r["impl"] == "pytorch"]
pt = [r["seq_per_s"] for r in ptr]
r0 = rows[0]
med = statistics.median
print(f"{r0['task']} T={r0['T']} H={r0['H']} batch={r0['batch']}, 1 thread, {len(pn)} pairs")
ratio = [a["seq_per_s"] / b for a, b in zip(pn, pt)]
print(f"PathNorm SGD {med([r['seq_per_s'] for r in pn]):.1f} seq/s (CPU time: {med([r['cpu_seq_per_s'] for r in pn]):.1f}), "
      f"PyTorch {med(pt):.1f} seq/s, ratio median {med(ratio):.2f} (min {min(ratio):.2f}, max {max(ratio):.2f})")
if all("cpu_seq_per_s" in r for r in ptr):
    cr = [a["cpu_seq_per_s"] / b["cpu_seq_per_s"] for a, b in zip(pn, ptr)]
    print(f"by CPU time: PyTorch {med([r['cpu_seq_per_s'] for r in ptr]):.1f} seq/s, ratio median {med(cr):.2f} "
          f"(min {min(cr):.2f}, max {max(cr):.2f})")
over = [s["seq_per_s"] / p["seq_per_s"] - 1 for s, p in zip(pn, pp)]
cover = [s["cpu_seq_per_s"] / p["cpu_seq_per_s"] - 1 for s, p in zip(pn, pp)]
print(f"RNN-Path {med([r['seq_per_s'] for r in pp]):.1f} seq/s: step overhead over SGD median {100 * med(over):.1f}% "
      f"(min {100 * min(over):.1f}%, max {100 * max(over):.1f}%); by CPU time median {100 * med(cover):.1f}% "
      f"(min {100 * min(cover):.1f}%, max {100 * max(cover):.1f}%)")
PY
if [ -n "${RAW:-}" ]; then cat "$out" >> "$RAW"; fi
rm -f "$out"
