#!/usr/bin/env bash
# Per-step time of two builds of PathNorm, back to back with the order alternating, on the two
# shapes BENCHMARKS.md tracks (784-4000-4000-10 at batch 64, 100-512-10 at batch 100), SGD with
# momentum, 1 thread: the "must not regress" check of a refactor (ratio new/old, median of pairs).
# Usage: src/jmh/step-paired.sh OLD.jar NEW.jar [PAIRS] [JAVA]
#   e.g. git worktree add /tmp/old <commit> && (cd /tmp/old && mvn -q -o package -DskipTests)
#        src/jmh/step-paired.sh /tmp/old/target/pathnorm.jar target/pathnorm.jar 5 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
set -euo pipefail
OLD=$1 NEW=$2 PAIRS=${3:-5} JAVA=${4:-java}
out=$(mktemp)
run() {  # $1 = label, $2 = jar, rest = options
  local label=$1 jar=$2
  shift 2
  "$JAVA" --add-modules jdk.incubator.vector -jar "$jar" bench train --threads 1 "$@" --repeat 3 --json 2>/dev/null \
    | sed "s/^{/{\"build\":\"$label\",\"shape\":\"$1 $2\",/" >> "$out"
}
for shape in "--arch 784-4000-4000-10 --batch 64 --steps 20 --warmup-seconds 3" "--arch 100-512-10 --batch 100 --steps 2000 --warmup-seconds 2"; do
  for r in $(seq 1 "$PAIRS"); do
    # shellcheck disable=SC2086
    if [ $((r % 2)) -eq 1 ]; then run old "$OLD" $shape; run new "$NEW" $shape; else run new "$NEW" $shape; run old "$OLD" $shape; fi
  done
done
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for shape in dict.fromkeys(r["arch"] for r in rows):
    old = [r["ms_per_step"] for r in rows if r["arch"] == shape and r["build"] == "old"]
    new = [r["ms_per_step"] for r in rows if r["arch"] == shape and r["build"] == "new"]
    ratios = [n / o for n, o in zip(new, old)]
    print(f"{shape}: old {statistics.median(old):.3f} ms/step, new {statistics.median(new):.3f} ms/step, "
          f"new/old median {statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f}, {len(ratios)} pairs)")
PY
rm -f "$out"
