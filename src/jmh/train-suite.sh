#!/usr/bin/env bash
# The training table of BENCHMARKS.md: `pathnorm bench train` against PyTorch CPU (Debian's
# python3-torch, src/jmh/torch_train_bench.py) on the same configurations, back to back per
# configuration and repetition (order alternating), REPS times (default 5). Prints the Markdown table.
# Usage: src/jmh/train-suite.sh [REPS]
#   CONFIGS_ONLY="784-4000-4000-10 64 1 20;100-512-10 100 1 300" src/jmh/train-suite.sh 5
#   runs only those configurations (network, batch, threads, steps; ';' between them).
# Needs `apt-get install python3-torch libopenblas0-pthread`: without an OpenBLAS package, Debian's
# torch gets the reference BLAS through libblas.so.3 and runs 10x slower (44 instead of ~410 samples/s
# on 784-4000-4000-10 at batch 64), which would be no fair baseline. The script refuses that case.
# TORCH_OPENBLAS_CORETYPE: the kernels of torch's OpenBLAS (default: none, OpenBLAS detects the CPU;
# see src/jmh/torch-env.sh; version.txt records the kernels OpenBLAS chose).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-5}
PY=${TORCH_PYTHON:-/usr/bin/python3}
if ! readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 | grep -q openblas; then
  echo "train-suite: libblas.so.3 is not OpenBLAS; apt-get install libopenblas0-pthread first" >&2
  exit 1
fi
out=target/train-suite
rm -rf "$out" && mkdir -p "$out"
./pathnorm --version > "$out/version.txt"
# shellcheck source=src/jmh/torch-env.sh
. src/jmh/torch-env.sh
echo "torch OpenBLAS kernels: $(openblas_core "$PY")" >> "$out/version.txt"
CONFIGS=(
  "784-4000-4000-10 64 1 20"
  "784-4000-4000-10 64 2 20"
  "784-4000-4000-10 256 1 10"
  "784-4000-4000-10 256 2 10"
  "100-32-10 100 1 300"
  "100-32-10 100 2 300"
  "100-512-10 100 1 300"
  "100-512-10 100 2 300"
  "100-2048-10 100 1 100"
  "100-2048-10 100 2 100"
)
if [ -n "${CONFIGS_ONLY:-}" ]; then IFS=';' read -r -a CONFIGS <<< "$CONFIGS_ONLY"; fi
for r in $(seq 1 "$REPS"); do
  for c in "${CONFIGS[@]}"; do
    read -r arch batch threads steps <<< "$c"
    pn() { ./pathnorm bench train --arch "$arch" --batch "$batch" --threads "$threads" --steps "$steps" \
             --repeat 5 --json | sed "s/^{/{\"rep\":$r,\"impl\":\"pathnorm\",/" >> "$out/results.jsonl"; }
    pt() { "${torch_env[@]}" "$PY" src/jmh/torch_train_bench.py --arch "$arch" --batch "$batch" --threads "$threads" --steps "$steps" \
             --repeat 5 | sed "s/^{/{\"rep\":$r,/" >> "$out/results.jsonl"; }
    if [ $((r % 2)) -eq 1 ]; then pn; pt; else pt; pn; fi
  done
  echo "repetition $r done: $(date)" >&2
done
"$PY" - "$out/results.jsonl" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
cells = {}
for r in rows:
    cells.setdefault((r["arch"], r["batch"], r["threads"]), {}).setdefault(r["rep"], {})[r["impl"]] = r["samples_per_s"]
print("| network | batch | threads | PathNorm samples/s | PyTorch samples/s | ratio (median) | ratio min–max | reps |")
print("|---|---|---|---|---|---|---|---|")
for (arch, batch, threads), reps in cells.items():
    pn = [v["pathnorm"] for v in reps.values() if "pathnorm" in v]
    pt = [v["pytorch"] for v in reps.values() if "pytorch" in v]
    ratios = [v["pathnorm"] / v["pytorch"] for v in reps.values() if "pathnorm" in v and "pytorch" in v]
    print(f"| {arch} | {batch} | {threads} | {statistics.median(pn):,.0f} | {statistics.median(pt):,.0f} | "
          f"**{statistics.median(ratios):.2f}** | {min(ratios):.2f}–{max(ratios):.2f} | {len(ratios)} |")
PYEOF
