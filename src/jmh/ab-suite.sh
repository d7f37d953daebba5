#!/usr/bin/env bash
# "Nothing else slows" (issue 15): two builds of PathNorm, OLD and NEW (repository roots, each built with
# `mvn -o -q -DskipTests package`), timed back to back on the shapes the paired suites of BENCHMARKS.md track,
# PAIRS times (default 5), the order alternating from pair to pair (odd pairs OLD first). Each side runs through
# its own launcher (its own JVM options, AOT cache and policies: the build as a user gets it) or, for the
# recurrent shapes, its own classes with src/jmh/rnn/RnnStepTiming.java.
#   - multilayer perceptrons: train-suite.sh's ten configurations (`bench train`, SGD with momentum);
#   - optimisers: Path-SGD on 784-4000-4000-10 (1 and 2 threads), DDP-SGD (1 thread);
#   - conv nets: conv-suite.sh's two VGG-style nets, 1 and 2 threads;
#   - recurrent nets: the recurrent suite's shapes (addition T = 100 with SGD and RNN-Path, seq T = 784, char LM
#     H = 1024), 1 thread, SECONDS each (default 10);
#   - reading Fashion-MNIST (`bench data`: MB/s of the median of 5 reads).
# Prints per shape the medians of both sides and of the per-pair ratios NEW/OLD by throughput (> 1: NEW faster),
# with min–max and how many pairs NEW won; raw JSON lines go to $OUT/ab.jsonl (default target/ab-suite).
# Usage: src/jmh/ab-suite.sh OLD_ROOT NEW_ROOT [PAIRS]
#   ONLY=regex runs the shapes whose name matches (e.g. ONLY='conv|rnn'); SECONDS=N for the recurrent shapes.
# Neither tree may be rebuilt while it runs (a launcher rebuilds a jar older than its sources).
set -euo pipefail
OLD=$(cd "$1" && pwd) NEW=$(cd "$2" && pwd) PAIRS=${3:-5}
SEC=${SECONDS_RNN:-10}
OUT=${OUT:-target/ab-suite}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here=$(cd "$(dirname "$0")" && pwd)
for root in "$OLD" "$NEW"; do
  [ -x "$root/pathnorm" ] && [ -d "$root/target/classes" ] || { echo "ab-suite: $root: expected a built PathNorm tree (pathnorm, target/classes)" >&2; exit 2; }
done
rm -rf "$OUT" && mkdir -p "$OUT"
A=3x32x32:c32k3p1-c32k3p1-mp2-c64k3p1-c64k3p1-mp2-c128k3p1-c128k3p1-mp2-10
B=1x32x32:c16k3p1-c16k3p1-mp2-c32k3p1-c32k3p1-mp2-c64k3p1-c64k3p1-mp2-10
# name|kind|arguments
SHAPES=(
  "mlp 784-4000-4000-10 b64 1t|bench|--arch 784-4000-4000-10 --batch 64 --threads 1 --steps 20 --repeat 5"
  "mlp 784-4000-4000-10 b64 2t|bench|--arch 784-4000-4000-10 --batch 64 --threads 2 --steps 20 --repeat 5"
  "mlp 784-4000-4000-10 b256 1t|bench|--arch 784-4000-4000-10 --batch 256 --threads 1 --steps 10 --repeat 5"
  "mlp 784-4000-4000-10 b256 2t|bench|--arch 784-4000-4000-10 --batch 256 --threads 2 --steps 10 --repeat 5"
  "mlp 100-32-10 b100 1t|bench|--arch 100-32-10 --batch 100 --threads 1 --steps 300 --repeat 5"
  "mlp 100-32-10 b100 2t|bench|--arch 100-32-10 --batch 100 --threads 2 --steps 300 --repeat 5"
  "mlp 100-512-10 b100 1t|bench|--arch 100-512-10 --batch 100 --threads 1 --steps 300 --repeat 5"
  "mlp 100-512-10 b100 2t|bench|--arch 100-512-10 --batch 100 --threads 2 --steps 300 --repeat 5"
  "mlp 100-2048-10 b100 1t|bench|--arch 100-2048-10 --batch 100 --threads 1 --steps 100 --repeat 5"
  "mlp 100-2048-10 b100 2t|bench|--arch 100-2048-10 --batch 100 --threads 2 --steps 100 --repeat 5"
  "path-sgd 784-4000-4000-10 b64 1t|bench|--arch 784-4000-4000-10 --batch 64 --threads 1 --steps 20 --repeat 5 --optimizer path-sgd"
  "path-sgd 784-4000-4000-10 b64 2t|bench|--arch 784-4000-4000-10 --batch 64 --threads 2 --steps 20 --repeat 5 --optimizer path-sgd"
  "ddp-sgd 784-4000-4000-10 b64 1t|bench|--arch 784-4000-4000-10 --batch 64 --threads 1 --steps 10 --repeat 5 --optimizer ddp-sgd"
  "conv A b64 1t|bench|--arch $A --batch 64 --threads 1 --steps 5 --warmup 3 --warmup-seconds 4 --repeat 3"
  "conv A b64 2t|bench|--arch $A --batch 64 --threads 2 --steps 5 --warmup 3 --warmup-seconds 4 --repeat 3"
  "conv B b64 1t|bench|--arch $B --batch 64 --threads 1 --steps 5 --warmup 3 --warmup-seconds 4 --repeat 3"
  "conv B b64 2t|bench|--arch $B --batch 64 --threads 2 --steps 5 --warmup 3 --warmup-seconds 4 --repeat 3"
  "rnn addition T100 H100 b50 sgd|rnn|addition 100 100 50 sgd"
  "rnn addition T100 H100 b50 rnn-path|rnn|addition 100 100 50 path-sgd"
  "rnn seq T784 H100 b50 sgd|rnn|seq 784 100 50 sgd"
  "rnn lm T50 H1024 b32 sgd|rnn|lm 50 1024 32 sgd"
  "data fashion-mnist|data|--data fashion-mnist --repeat 5"
)
# one run of a shape on one build: one JSON line with "rate" (higher is better) appended to ab.jsonl
run() { # root side name kind args
  local root=$2 side=$1 name=$3 kind=$4 args=$5 line rate
  case $kind in
    bench) # shellcheck disable=SC2086
      line=$("$root/pathnorm" bench train $args --json)
      rate=$(sed 's/.*"samples_per_s":\([0-9.eE+-]*\).*/\1/' <<< "$line") ;;
    rnn) # shellcheck disable=SC2086
      line=$("$JAVA" --add-modules jdk.incubator.vector -cp "$root/target/classes" "$here/rnn/RnnStepTiming.java" $args "$SEC" 2>/dev/null)
      rate=$(sed 's/.*"seq_per_s":\([0-9.eE+-]*\).*/\1/' <<< "$line") ;;
    data) # shellcheck disable=SC2086
      line=$("$root/pathnorm" bench data $args --json)
      rate=$(sed 's/.*"load_mb_per_s":\([0-9.eE+-]*\).*/\1/' <<< "$line") ;;
  esac
  printf '{"shape":"%s","side":"%s","pair":%d,"rate":%s,"raw":%s}\n' "$name" "$side" "$pair" "$rate" "$line" >> "$OUT/ab.jsonl"
}
{ echo "OLD $OLD: $(git -C "$OLD" log -1 --format='%h %s' 2>/dev/null | cut -c1-100)"
  echo "NEW $NEW: $(git -C "$NEW" log -1 --format='%h %s' 2>/dev/null | cut -c1-100)"
  echo "JDK $("$JAVA" -version 2>&1 | head -1); $(grep -m1 'model name' /proc/cpuinfo); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
} | tee "$OUT/header.txt"
for pair in $(seq 1 "$PAIRS"); do
  for s in "${SHAPES[@]}"; do
    IFS='|' read -r name kind args <<< "$s"
    [ -z "${ONLY:-}" ] || [[ "$name" =~ $ONLY ]] || continue
    if (( pair % 2 )); then run old "$OLD" "$name" "$kind" "$args"; run new "$NEW" "$name" "$kind" "$args"
    else run new "$NEW" "$name" "$kind" "$args"; run old "$OLD" "$name" "$kind" "$args"; fi
  done
  echo "pair $pair done: $(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
/usr/bin/python3 - "$OUT/ab.jsonl" <<'PY' | tee "$OUT/summary.md"
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
shapes = {}
for r in rows:
    shapes.setdefault(r["shape"], {}).setdefault(r["pair"], {})[r["side"]] = r["rate"]
med = statistics.median
print("| shape | OLD (median) | NEW (median) | NEW/OLD, median of pairs | min–max | NEW faster | pairs |")
print("|---|---|---|---|---|---|---|")
for shape, pairs in shapes.items():
    both = [p for p in pairs.values() if "old" in p and "new" in p]
    ratios = [p["new"] / p["old"] for p in both]
    print(f"| {shape} | {med(p['old'] for p in both):,.1f} | {med(p['new'] for p in both):,.1f} | **{med(ratios):.3f}** | "
          f"{min(ratios):.3f}–{max(ratios):.3f} | {sum(r > 1 for r in ratios)} | {len(ratios)} |")
PY
