#!/usr/bin/env bash
# The GEMM table of BENCHMARKS.md. For each repetition (default 6), each shape and each thread count,
# PathNorm and OpenBLAS are measured back to back in one JMH invocation (their order alternating
# between repetitions), so a noisy phase of this shared machine hits both sides of a ratio; then the
# scalar path once at 1 thread. Prints the Markdown table (src/jmh/report.py).
# OpenBLAS gets its best kernel for this CPU (OPENBLAS_CORETYPE=SkylakeX where the CPU has AVX-512, which it
# also autodetects; on an AVX2 CPU its own detection, Zen or Haswell: forcing SkylakeX there would not run)
# and exactly the threads under test (OPENBLAS_NUM_THREADS=T: no idle pool threads at T = 1).
# The JVMs run with -XX:+UseTransparentHugePages where the kernel offers them, as the launcher does.
# Usage: src/jmh/gemm-suite.sh [REPS]     (about 4 minutes per repetition on 2 cores)
#        SHAPES="64x4000x4000:NT 64x4000x784:NT" OUT=target/jmh-nt src/jmh/gemm-suite.sh 4   (a subset)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-6}
# PathNorm's side as the launcher runs it: transparent huge pages for the Java heap where the kernel
# offers them (README "Start-up"). OpenBLAS's buffers are off-heap (malloc), which this does not change.
if grep -q '\[\(always\|madvise\)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-XX:+UseTransparentHugePages"
fi
SHAPES=${SHAPES:-"256x256x256:NN 512x512x512:NN 1024x1024x1024:NN 2048x2048x2048:NN 64x4000x4000:NT 256x4000x4000:NT 64x4000x784:NT 64x784x4000:NN 4000x4000x64:TN"}
out=${OUT:-target/jmh-gemm}
rm -rf "$out" && mkdir -p "$out"
src/jmh/run.sh -h >/dev/null   # build once
blas_core=()
grep -qw avx512f /proc/cpuinfo && blas_core=(OPENBLAS_CORETYPE=SkylakeX)
for r in $(seq 1 "$REPS"); do
  order=pathnorm,openblas
  [ $((r % 2)) -eq 0 ] && order=openblas,pathnorm
  for s in $SHAPES; do
    for t in 1 2; do
      env "${blas_core[@]}" OPENBLAS_NUM_THREADS=$t SKIP_BUILD=1 src/jmh/run.sh GemmBenchmark -p shape="$s" -p threads="$t" -p impl="$order" \
        -wi 2 -i 3 -rff "$out/rep$r-$s-t$t.json" >> "$out/rep$r.log" 2>&1
    done
  done
  echo "repetition $r done: $(date)" >&2
done
SKIP_BUILD=1 src/jmh/run.sh GemmBenchmark -p shape="${SHAPES// /,}" -p threads=1 -p impl=scalar -wi 2 -i 3 \
  -rff "$out/scalar.json" > "$out/scalar.log" 2>&1
src/jmh/report.py "$out"/rep*.json "$out/scalar.json"
