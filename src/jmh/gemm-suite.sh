#!/usr/bin/env bash
# The GEMM table of BENCHMARKS.md: REPS repetitions (default 5) of PathNorm vs OpenBLAS over the square
# and MLP shapes at 1 and 2 threads, then the scalar path once at 1 thread; prints the Markdown table.
# Usage: src/jmh/gemm-suite.sh [REPS]     (about 5 minutes per repetition on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-5}
SHAPES=256x256x256:NN,512x512x512:NN,1024x1024x1024:NN,2048x2048x2048:NN,64x4000x4000:NT,256x4000x4000:NT,64x4000x784:NT,64x784x4000:NN,4000x4000x64:TN
mkdir -p target/jmh-gemm
src/jmh/run.sh -h >/dev/null   # build once
for r in $(seq 1 "$REPS"); do
  SKIP_BUILD=1 src/jmh/run.sh GemmBenchmark -p shape=$SHAPES -p threads=1,2 -p impl=pathnorm,openblas \
    -wi 3 -i 3 -rff "target/jmh-gemm/rep$r.json" > "target/jmh-gemm/rep$r.log" 2>&1
  echo "repetition $r done" >&2
done
SKIP_BUILD=1 src/jmh/run.sh GemmBenchmark -p shape=$SHAPES -p threads=1 -p impl=scalar -wi 2 -i 3 \
  -rff target/jmh-gemm/scalar.json > target/jmh-gemm/scalar.log 2>&1
src/jmh/report.py target/jmh-gemm/rep*.json target/jmh-gemm/scalar.json
