#!/usr/bin/env bash
# Thread scaling on a many-core machine (issue 15): PathNorm against PyTorch CPU at 1..N threads, on
#  1. training steps (`pathnorm bench train` against src/jmh/torch_train_bench.py), alternating which
#     goes first, REPS times;
#  2. single-precision GEMM 2048³ (`pathnorm bench gemm` against torch.matmul);
#  3. whole runs on Fashion-MNIST (src/jmh/e2e-fashion.sh's command and script, one pair per count);
#  4. determinism: one epoch of `pathnorm train` at every thread count must write bit-identical
#     losses, errors and weights (SHA-256 of metrics.csv without its timing columns, and of
#     model.safetensors).
# Each section appends JSON lines to $RESULTS (kept between calls: delete it to start afresh); the summary at the end prints Markdown tables.
#
# Environment: SECTIONS ("determinism steps gemm e2e"), THREADS ("1 2 4 8 16"), REPS (2), FIRST_REP (1:
#   which repetition the numbering starts at; odd ones run PathNorm first), E2E_THREADS ("1 4 16"), EPOCHS (10),
#   PATHNORM (launcher, ./pathnorm), TORCH_PYTHON (python3), FASHION (/usr/share/datasets/fashion-mnist),
#   RESULTS (target/scaling/results.jsonl).
# Usage: src/jmh/scaling.sh        (from the repository root)
set -uo pipefail
cd "$(dirname "$0")/../.."
THREADS="${THREADS:-1 2 4 8 16}"
SECTIONS="${SECTIONS:-determinism steps gemm e2e}"
REPS="${REPS:-2}"
FIRST_REP="${FIRST_REP:-1}"
E2E_THREADS="${E2E_THREADS:-1 4 16}"
EPOCHS="${EPOCHS:-10}"
PATHNORM="${PATHNORM:-./pathnorm}"
PY="${TORCH_PYTHON:-python3}"
FASHION="${FASHION:-/usr/share/datasets/fashion-mnist}"
RESULTS="${RESULTS:-target/scaling/results.jsonl}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# shellcheck source=src/jmh/torch-env.sh
. src/jmh/torch-env.sh
mkdir -p "$(dirname "$RESULTS")"
touch "$RESULTS"
wants() { [[ " $SECTIONS " == *" $1 "* ]]; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
log() { echo "# $(date -u +%T) $*" >&2; }

echo "# scaling: $(date -u +%FT%TZ); $(nproc) cpus; $(lscpu | sed -n 's/^Model name: *//p');" \
     "avx512f: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no); load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PATHNORM" --version | sed 's/^/# /'
echo "# torch: $("${torch_env[@]}" "$PY" -c 'import re, torch; print(torch.__version__, *re.findall(r"(?:BLAS_INFO|LAPACK_INFO)=\w+", torch.__config__.show()))' 2>&1 | tail -1)"

wants determinism && log "determinism" && for t in $THREADS; do
  d="$work/det$t"
  "$PATHNORM" train --data "fashion-mnist:$FASHION" --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 \
      --batch 64 --epochs 1 --threads "$t" --quiet --out "$d" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; continue; }
  echo "{\"section\":\"determinism\",\"threads\":$t,\"metrics\":\"$(cut -d, -f1-10 "$d/metrics.csv" | sha256sum | cut -c1-16)\",\"model\":\"$(sha256sum < "$d/model.safetensors" | cut -c1-16)\"}" >> "$RESULTS"
done

CONFIGS=("784-4000-4000-10 256 4" "784-4000-4000-10 64 10" "784-256-10 64 200" "100-512-10 100 200")
wants steps && log "steps" && for r in $(seq "$FIRST_REP" $((FIRST_REP + REPS - 1))); do
  for c in "${CONFIGS[@]}"; do
    read -r arch batch steps <<< "$c"
    for t in $THREADS; do
      pn() { "$PATHNORM" bench train --arch "$arch" --batch "$batch" --threads "$t" --steps "$steps" --repeat 3 --json \
               | sed "s/^{/{\"section\":\"steps\",\"rep\":$r,\"impl\":\"pathnorm\",/" >> "$RESULTS"; }
      pt() { "${torch_env[@]}" "$PY" src/jmh/torch_train_bench.py --arch "$arch" --batch "$batch" --threads "$t" \
               --steps "$steps" --repeat 3 | sed "s/^{/{\"section\":\"steps\",\"rep\":$r,/" >> "$RESULTS"; }
      if [ $((r % 2)) -eq 1 ]; then pn; pt; else pt; pn; fi
    done
  done
  log "steps repetition $r done"
done

wants gemm && log "gemm" && for t in $THREADS; do
  "$PATHNORM" bench gemm --m 2048 --n 2048 --k 2048 --threads "$t" --json \
    | sed 's/^{/{"section":"gemm","impl":"pathnorm",/' >> "$RESULTS"
  "${torch_env[@]}" OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" MKL_NUM_THREADS="$t" "$PY" - "$t" <<'PYEOF' >> "$RESULTS"
import json, statistics, sys, time
import torch
t = int(sys.argv[1]); torch.set_num_threads(t); n = 2048
a, b = torch.randn(n, n), torch.randn(n, n)
for _ in range(3): a @ b
runs = []
for _ in range(5):
    k, s = 0, time.perf_counter()
    while True:
        a @ b; k += 1
        if time.perf_counter() - s > 0.3: break
    runs.append(2 * n ** 3 * k / (time.perf_counter() - s) / 1e9)
print(json.dumps({"section": "gemm", "impl": "pytorch", "threads": t, "m": n, "gflops": statistics.median(runs)}))
PYEOF
done

wants e2e && log "end to end" && for t in $E2E_THREADS; do
  t0=$(now)
  "$PATHNORM" train --data "fashion-mnist:$FASHION" --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 \
      --batch 64 --epochs "$EPOCHS" --threads "$t" --quiet --out "$work/e2e" >/dev/null
  p=$(echo "$(now) - $t0" | bc -l); rm -rf "$work/e2e"
  t0=$(now)
  "${torch_env[@]}" "$PY" src/jmh/torch_e2e_fashion.py --data "$FASHION" --epochs "$EPOCHS" --threads "$t" --quiet >/dev/null
  q=$(echo "$(now) - $t0" | bc -l)
  echo "{\"section\":\"e2e\",\"threads\":$t,\"epochs\":$EPOCHS,\"pathnorm_s\":$p,\"torch_s\":$q}" >> "$RESULTS"
done

"$PY" - "$RESULTS" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
det = [r for r in rows if r["section"] == "determinism"]
if det:
    same = len({(r["metrics"], r["model"]) for r in det}) == 1
    print(f"\ndeterminism over threads {[r['threads'] for r in det]}: {'bit-identical' if same else 'DIFFERENT'}"
          f" (metrics {det[0]['metrics']}, model {det[0]['model']})")
steps = {}
for r in (r for r in rows if r["section"] == "steps"):
    steps.setdefault((r["arch"], r["batch"], r["threads"]), {}).setdefault(r["impl"], []).append(r["samples_per_s"])
if steps:
    print("\n| network | batch | threads | PathNorm samples/s | PyTorch samples/s | ratio | PathNorm speed-up over 1 thread |")
    print("|---|---|---|---|---|---|---|")
    for (arch, batch, t), v in steps.items():
        pn, pt = statistics.median(v.get("pathnorm", [0])), statistics.median(v.get("pytorch", [0]))
        one = statistics.median(steps.get((arch, batch, 1), {}).get("pathnorm", [0])) or float("nan")
        print(f"| {arch} | {batch} | {t} | {pn:,.0f} | {pt:,.0f} | {pn / pt if pt else float('nan'):.2f}× | {pn / one:.2f}× |")
gemm = {}
for r in (r for r in rows if r["section"] == "gemm"):
    gemm.setdefault(r["threads"], {})[r["impl"]] = r["gflops"]
if gemm:
    print("\n| GEMM 2048³ threads | PathNorm GFLOP/s | PyTorch GFLOP/s | ratio |")
    print("|---|---|---|---|")
    for t, v in gemm.items():
        pn, pt = v.get("pathnorm", 0), v.get("pytorch", 0)
        print(f"| {t} | {pn:.0f} | {pt:.0f} | {pn / pt if pt else float('nan'):.2f}× |")
e2e = [r for r in rows if r["section"] == "e2e"]
if e2e:
    print("\n| Fashion-MNIST end to end, threads | PathNorm s | PyTorch s | ratio |")
    print("|---|---|---|---|")
    for r in e2e:
        print(f"| {r['threads']} | {r['pathnorm_s']:.2f} | {r['torch_s']:.2f} | {r['torch_s'] / r['pathnorm_s']:.2f}× |")
PYEOF
