#!/usr/bin/env bash
# The conv-net table of BENCHMARKS.md: `pathnorm bench train` on VGG-style conv nets against PyTorch
# CPU (Debian's python3-torch, convolutions through oneDNN; src/jmh/torch_conv_bench.py) on the same
# configurations, back to back per configuration and repetition (order alternating), REPS times
# (default 5); then Path-SGD's step overhead over SGD on the first net (no batch norm), paired the
# same way. Prints Markdown tables.
# Usage: src/jmh/conv-suite.sh [REPS]
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-5}
PY=${TORCH_PYTHON:-/usr/bin/python3}
out=target/conv-suite
rm -rf "$out" && mkdir -p "$out"
./pathnorm --version > "$out/version.txt"
A=3x32x32:c32k3p1-c32k3p1-mp2-c64k3p1-c64k3p1-mp2-c128k3p1-c128k3p1-mp2-10
B=1x32x32:c16k3p1-c16k3p1-mp2-c32k3p1-c32k3p1-mp2-c64k3p1-c64k3p1-mp2-10
CONFIGS=("$A 64 1" "$B 64 1" "$A 64 2" "$B 64 2")
for r in $(seq 1 "$REPS"); do
  for c in "${CONFIGS[@]}"; do
    read -r arch batch threads <<< "$c"
    pn() { ./pathnorm bench train --arch "$arch" --batch "$batch" --threads "$threads" --steps 5 --warmup 3 \
             --repeat 3 --json | sed "s/^{/{\"rep\":$r,\"impl\":\"pathnorm\",/" >> "$out/results.jsonl"; }
    pt() { "$PY" src/jmh/torch_conv_bench.py --arch "$arch" --batch "$batch" --threads "$threads" --steps 5 \
             --repeat 3 | sed "s/^{/{\"rep\":$r,/" >> "$out/results.jsonl"; }
    if [ $((r % 2)) -eq 1 ]; then pn; pt; else pt; pn; fi
  done
  for opt in sgd path-sgd; do
    o=$opt; [ $((r % 2)) -eq 0 ] && { [ "$opt" = sgd ] && o=path-sgd || o=sgd; }
    ./pathnorm bench train --arch "$A" --batch 64 --threads 1 --steps 5 --warmup 3 --repeat 3 --optimizer "$o" --json \
      | sed "s/^{/{\"rep\":$r,\"impl\":\"overhead\",/" >> "$out/overhead.jsonl"
  done
  echo "repetition $r done: $(date)" >&2
done
"$PY" - "$out/results.jsonl" "$out/overhead.jsonl" <<'PYEOF'
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
    print(f"| `{arch}` | {batch} | {threads} | {statistics.median(pn):,.0f} | {statistics.median(pt):,.0f} | "
          f"**{statistics.median(ratios):.2f}** | {min(ratios):.2f}–{max(ratios):.2f} | {len(ratios)} |")
over = {}
for l in open(sys.argv[2]):
    r = json.loads(l)
    over.setdefault(r["rep"], {})[r["optimizer"]] = r["ms_per_step"]
ratios = [v["path-sgd"] / v["sgd"] for v in over.values() if len(v) == 2]
sgd = statistics.median(v["sgd"] for v in over.values())
path = statistics.median(v["path-sgd"] for v in over.values())
print()
print("| network | SGD ms/step | Path-SGD ms/step | overhead (median of pairs) | min–max | pairs |")
print("|---|---|---|---|---|---|")
print(f"| first net, batch 64, 1 thread | {sgd:.1f} | {path:.1f} | **{100 * (statistics.median(ratios) - 1):+.1f}%** | "
      f"{100 * (min(ratios) - 1):+.1f}%–{100 * (max(ratios) - 1):+.1f}% | {len(ratios)} |")
PYEOF
