#!/usr/bin/env bash
# Spectral norm of Gaussian 4000x4000 and 784x4000 float32 matrices: PathNorm's Lanczos (tolerance
# 1e-4 on its a-posteriori relative error) against torch.linalg.matrix_norm(W, 2), same data, same run,
# medians of REPS repetitions, 1 and 2 threads. Usage: src/jmh/spectral-suite.sh [REPS]
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-5}
JDK=${JMH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  JAVA_HOME="$JDK" mvn -B -q -o -Pjmh -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip test-compile
fi
CP="target/test-classes:target/classes"
out=target/spectral-suite.jsonl
: > "$out"
echo "load before: $(cat /proc/loadavg)"
for shape in 4000x4000 784x4000; do
  r=${shape%x*}; c=${shape#*x}
  for t in 1 2; do
    /usr/bin/python3 src/jmh/torch_spectral_bench.py --rows "$r" --cols "$c" --threads "$t" --repeat "$REPS" \
      --out "target/W-$shape.bin" >> "$out"
    "$JDK/bin/java" --add-modules jdk.incubator.vector -cp "$CP" org.pathnorm.bench.SpectralNormTiming \
      "target/W-$shape.bin" "$r" "$c" "$t" 1e-4 "$REPS" 2>/dev/null >> "$out"
  done
done
echo "load after: $(cat /proc/loadavg)"
/usr/bin/python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| matrix | threads | torch.linalg.matrix_norm (s) | PathNorm Lanczos (s) | speed-up | passes | estimated rel. error | actual rel. error |")
print("|---|---|---|---|---|---|---|---|")
for t, p in zip(rows[0::2], rows[1::2]):
    err = abs(p["sigma"] - t["sigma_float64"]) / t["sigma_float64"]
    print(f"| {t['rows']}x{t['cols']} | {t['threads']} | {t['seconds_median']:.3f} | {p['seconds_median']:.4f} | "
          f"{t['seconds_median'] / p['seconds_median']:.0f}x | {p['iterations']} | {p['estimated_rel_error']:.2g} | {err:.2g} |")
PY
