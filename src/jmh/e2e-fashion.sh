#!/usr/bin/env bash
# End-to-end benchmark (issue 15): whole processes, JVM start and gz reading included, of
#   pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9
#                  --batch 64 --epochs E --threads T --quiet
# against the equivalent PyTorch script src/jmh/torch_e2e_fashion.py (same files, scaling, init,
# optimiser, per-epoch training and test loss and error), run back to back, alternating which goes
# first, PAIRS times per thread count; prints every time and the median of the per-pair ratios
# torch / pathnorm (> 1: PathNorm faster).
#
# Environment: THREADS (default "1 2"), PAIRS (5), EPOCHS (10), JAVA_HOME (temurin 25 if present),
#   PATHNORM (launcher, default ./pathnorm), TORCH_PYTHON (/usr/bin/python3, Debian's python3-torch),
#   BASELINE (optional second launcher, e.g. of an older build: run in the same rounds, and its median
#   ratio to PATHNORM printed too, for before/after figures on a loaded machine),
#   EXTRA (extra pathnorm train options, e.g. "--train-loss running"),
#   OMP_WAIT_POLICY (for torch; default PASSIVE: with ACTIVE, OpenMP's spinning threads on a machine
#   busy with other work made one 2-thread epoch take 54 s instead of 4.8 s here),
#   TORCH_OPENBLAS_CORETYPE (the kernels of torch's OpenBLAS; default: none, OpenBLAS detects the CPU;
#   see src/jmh/torch-env.sh; the header line records the kernels OpenBLAS chose).
# Usage: src/jmh/e2e-fashion.sh        (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS="${THREADS:-1 2}"
PAIRS="${PAIRS:-5}"
EPOCHS="${EPOCHS:-10}"
PATHNORM="${PATHNORM:-./pathnorm}"
TORCH_PYTHON="${TORCH_PYTHON:-/usr/bin/python3}"
BASELINE="${BASELINE:-}"
EXTRA="${EXTRA:-}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# shellcheck source=src/jmh/torch-env.sh
. src/jmh/torch-env.sh
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
[ -d /usr/share/datasets/fashion-mnist ] || { echo "e2e-fashion: /usr/share/datasets/fashion-mnist is missing (Debian's dataset-fashion-mnist)" >&2; exit 1; }
"$TORCH_PYTHON" -c 'import torch' 2>/dev/null || { echo "e2e-fashion: $TORCH_PYTHON has no torch (Debian's python3-torch)" >&2; exit 1; }
case "$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null)" in
  *openblas*) ;;
  *) echo "e2e-fashion: libblas.so.3 is not OpenBLAS, so torch would run on the reference BLAS (~10x slower): apt-get install libopenblas0-pthread" >&2; exit 1 ;;
esac
"$PATHNORM" --version >/dev/null  # builds the jar first if it is stale, outside the timings
[ -z "$BASELINE" ] || "$BASELINE" --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
# seconds of one whole process
time_pathnorm() { # launcher threads
  local dir="$work/run" t
  rm -rf "$dir"
  t=$(now)
  # shellcheck disable=SC2086
  "$1" train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 \
      --epochs "$EPOCHS" --threads "$2" --quiet --out "$dir" $EXTRA >/dev/null
  echo "$(now) - $t" | bc -l
}
time_torch() { # threads
  local t
  t=$(now)
  "${torch_env[@]}" "$TORCH_PYTHON" src/jmh/torch_e2e_fashion.py --epochs "$EPOCHS" --threads "$1" --quiet >/dev/null
  echo "$(now) - $t" | bc -l
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "# e2e-fashion: 784-256-10, SGD momentum 0.9, lr 0.01, batch 64, $EPOCHS epochs; $PAIRS pairs; $(date -u +%FT%TZ)"
echo "# JDK: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1); $(lscpu | sed -n 's/^Model name: *//p'); load: $(cut -d' ' -f1-3 /proc/loadavg); torch OMP_WAIT_POLICY=$OMP_WAIT_POLICY, OpenBLAS kernels: $(openblas_core "$TORCH_PYTHON")"
for t in $THREADS; do
  : > "$work/ratio"; : > "$work/base"
  for ((i = 1; i <= PAIRS; i++)); do
    if (( i % 2 )); then p=$(time_pathnorm "$PATHNORM" "$t"); q=$(time_torch "$t")
    else q=$(time_torch "$t"); p=$(time_pathnorm "$PATHNORM" "$t"); fi
    line=$(printf "threads %d pair %d: pathnorm %.2f s, torch %.2f s, ratio %.3f" "$t" "$i" "$p" "$q" "$(echo "$q / $p" | bc -l)")
    echo "$q / $p" | bc -l >> "$work/ratio"
    if [ -n "$BASELINE" ]; then
      b=$(time_pathnorm "$BASELINE" "$t")
      echo "$b / $p" | bc -l >> "$work/base"
      line="$line; baseline $(printf "%.2f s, baseline/pathnorm %.3f" "$b" "$(echo "$b / $p" | bc -l)")"
    fi
    echo "$line"
  done
  printf "threads %d: median ratio torch/pathnorm %.3f over %d pairs\n" "$t" "$(median < "$work/ratio")" "$PAIRS"
  [ -z "$BASELINE" ] || printf "threads %d: median ratio baseline/pathnorm %.3f\n" "$t" "$(median < "$work/base")"
done
