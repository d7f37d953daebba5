#!/usr/bin/env bash
# The conv-net tables of BENCHMARKS.md: `pathnorm bench train` on VGG-style conv nets against PyTorch
# CPU (Debian's python3-torch, convolutions through oneDNN; src/jmh/torch_conv_bench.py) on the same
# configurations, back to back per configuration and repetition (order rotating), REPS times (default
# 5); with BASELINE=<launcher> (e.g. a launcher over an older jar) that build too, in the same rounds.
# Then Path-SGD's step overhead over SGD on both nets (no batch norm), 1 thread, paired the same way.
# Both sides warm up for WARMUP seconds (default 4: the JIT has compiled the GEMM kernels by then).
# Prints Markdown tables: wall-clock samples/s and their ratio per repetition; for 1 thread also the
# ratio of CPU time per step (the calling thread's, which with 1 thread is the whole step on both sides),
# which a machine loaded by other processes disturbs far less.
# Usage: [BASELINE=launcher] [THREADS="1 2"] [WARMUP=4] [OVERHEAD=0 (skip the Path-SGD pairs)] src/jmh/conv-suite.sh [REPS]
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-5}
THREADS=${THREADS:-"1 2"}
WARMUP=${WARMUP:-4}
PY=${TORCH_PYTHON:-/usr/bin/python3}
out=target/conv-suite
rm -rf "$out" && mkdir -p "$out"
./pathnorm --version > "$out/version.txt"
A=3x32x32:c32k3p1-c32k3p1-mp2-c64k3p1-c64k3p1-mp2-c128k3p1-c128k3p1-mp2-10
B=1x32x32:c16k3p1-c16k3p1-mp2-c32k3p1-c32k3p1-mp2-c64k3p1-c64k3p1-mp2-10
CONFIGS=()
for t in $THREADS; do CONFIGS+=("$A 64 $t" "$B 64 $t"); done
IMPLS=(pathnorm pytorch)
[ -n "${BASELINE:-}" ] && IMPLS+=(baseline)
for r in $(seq 1 "$REPS"); do
  for c in "${CONFIGS[@]}"; do
    read -r arch batch threads <<< "$c"
    n=${#IMPLS[@]}
    for i in $(seq 0 $((n - 1))); do
      impl=${IMPLS[$(( (i + r) % n ))]}
      case $impl in
        pathnorm|baseline)
          launcher=./pathnorm; [ "$impl" = baseline ] && launcher=$BASELINE
          $launcher bench train --arch "$arch" --batch "$batch" --threads "$threads" --steps 5 --warmup 3 \
            --warmup-seconds "$WARMUP" --repeat 3 --json | sed "s/^{/{\"rep\":$r,\"impl\":\"$impl\",/" >> "$out/results.jsonl" ;;
        pytorch)
          "$PY" src/jmh/torch_conv_bench.py --arch "$arch" --batch "$batch" --threads "$threads" --steps 5 \
            --warmup-seconds "$WARMUP" --repeat 3 | sed "s/^{/{\"rep\":$r,/" >> "$out/results.jsonl" ;;
      esac
    done
  done
  for arch in "$A" "$B"; do
    [ "${OVERHEAD:-1}" = 1 ] || break
    for opt in sgd path-sgd; do
      o=$opt; [ $((r % 2)) -eq 0 ] && { [ "$opt" = sgd ] && o=path-sgd || o=sgd; }
      ./pathnorm bench train --arch "$arch" --batch 64 --threads 1 --steps 5 --warmup 3 --warmup-seconds "$WARMUP" --repeat 3 \
        --optimizer "$o" --json | sed "s/^{/{\"rep\":$r,\"impl\":\"overhead\",/" >> "$out/overhead.jsonl"
    done
  done
  echo "repetition $r done: $(date), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
"$PY" - "$out/results.jsonl" "$out/overhead.jsonl" <<'PYEOF'
import json, os, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
cells, cpus = {}, {}
for r in rows:
    cells.setdefault((r["arch"], r["batch"], r["threads"]), {}).setdefault(r["rep"], {})[r["impl"]] = r["samples_per_s"]
    if "cpu_ms_per_step" in r:
        cpus.setdefault((r["arch"], r["batch"], r["threads"]), {}).setdefault(r["rep"], {})[r["impl"]] = r["cpu_ms_per_step"]
base = any("baseline" in v for reps in cells.values() for v in reps.values())
print("| network | batch | threads | PathNorm samples/s | PyTorch samples/s | ratio (median) | ratio min–max | reps |"
      + (" baseline samples/s | baseline ratio | this / baseline |" if base else ""))
print("|---|---|---|---|---|---|---|---|" + ("---|---|---|" if base else ""))
for (arch, batch, threads), reps in cells.items():
    pn = [v["pathnorm"] for v in reps.values() if "pathnorm" in v]
    pt = [v["pytorch"] for v in reps.values() if "pytorch" in v]
    ratios = [v["pathnorm"] / v["pytorch"] for v in reps.values() if "pathnorm" in v and "pytorch" in v]
    line = (f"| `{arch}` | {batch} | {threads} | {statistics.median(pn):,.0f} | {statistics.median(pt):,.0f} | "
            f"**{statistics.median(ratios):.2f}** | {min(ratios):.2f}–{max(ratios):.2f} | {len(ratios)} |")
    if base:
        bl = [v["baseline"] for v in reps.values() if "baseline" in v]
        br = [v["baseline"] / v["pytorch"] for v in reps.values() if "baseline" in v and "pytorch" in v]
        sp = [v["pathnorm"] / v["baseline"] for v in reps.values() if "baseline" in v and "pathnorm" in v]
        line += f" {statistics.median(bl):,.0f} | {statistics.median(br):.2f} | {statistics.median(sp):.2f} |"
    print(line)
# 1 thread: the same ratio from each process's CPU time per step (what the step cost, whatever the load)
print()
print("| network | threads | PathNorm CPU ms/step | PyTorch CPU ms/step | CPU-time ratio (median) | min–max | reps |"
      + (" this / baseline (CPU time) |" if base else ""))
print("|---|---|---|---|---|---|---|" + ("---|" if base else ""))
for (arch, batch, threads), reps in cpus.items():
    if threads != 1:
        continue
    pn = [v["pathnorm"] for v in reps.values() if "pathnorm" in v]
    pt = [v["pytorch"] for v in reps.values() if "pytorch" in v]
    ratios = [v["pytorch"] / v["pathnorm"] for v in reps.values() if "pathnorm" in v and "pytorch" in v]
    if not ratios:
        continue
    line = (f"| `{arch}` | {threads} | {statistics.median(pn):.1f} | {statistics.median(pt):.1f} | **{statistics.median(ratios):.2f}** | "
            f"{min(ratios):.2f}–{max(ratios):.2f} | {len(ratios)} |")
    if base:
        sp = [v["baseline"] / v["pathnorm"] for v in reps.values() if "baseline" in v and "pathnorm" in v]
        line += f" {statistics.median(sp):.2f} |" if sp else " – |"
    print(line)
over, overCpu = {}, {}
for l in (open(sys.argv[2]) if os.path.exists(sys.argv[2]) else []):
    r = json.loads(l)
    over.setdefault(r["arch"], {}).setdefault(r["rep"], {})[r["optimizer"]] = r["ms_per_step"]
    if "cpu_ms_per_step" in r:
        overCpu.setdefault(r["arch"], {}).setdefault(r["rep"], {})[r["optimizer"]] = r["cpu_ms_per_step"]
print()
print("| network | time | SGD ms/step | Path-SGD ms/step | overhead (median of pairs) | min–max | pairs |")
print("|---|---|---|---|---|---|---|")
for kind, table in (("wall", over), ("CPU", overCpu)):
  for arch, reps in table.items():
    ratios = [v["path-sgd"] / v["sgd"] for v in reps.values() if len(v) == 2]
    sgd = statistics.median(v["sgd"] for v in reps.values() if "sgd" in v)
    path = statistics.median(v["path-sgd"] for v in reps.values() if "path-sgd" in v)
    print(f"| `{arch}`, batch 64, 1 thread | {kind} | {sgd:.1f} | {path:.1f} | **{100 * (statistics.median(ratios) - 1):+.1f}%** | "
          f"{100 * (min(ratios) - 1):+.1f}%–{100 * (max(ratios) - 1):+.1f}% | {len(ratios)} |")
PYEOF
