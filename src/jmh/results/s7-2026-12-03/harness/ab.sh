#!/bin/bash
# usage: ab.sh ARCH BATCH PAIRS jarA jarB [threads] [optimizer]
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; O='-XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,org.pathnorm.simd.*::*,0.05'; O="$O ${XOPT:-}"
arch=$1 batch=$2 pairs=$3 A=$4 B=$5 th=${6:-1} opt=${7:-sgd}
for r in $(seq $pairs); do
  if [ $((r % 2)) = 1 ]; then order="$A $B"; else order="$B $A"; fi
  for jar in $order; do
    v=$($J --add-modules jdk.incubator.vector $O -jar $jar bench train --arch $arch --batch $batch --threads $th --optimizer $opt --repeat 5 --steps ${STEPS:-300} --json 2>&1 | tail -1 | python3 -c "import json,sys; print(json.load(sys.stdin)['ms_per_step'])")
    [ "$jar" = "$A" ] && a=$v || b=$v
  done
  echo "$a $b"
done | python3 -c "
import sys,statistics
p=[tuple(map(float,l.split())) for l in sys.stdin if l.strip()]
r=[b/a for a,b in p]
print('$arch b$batch t$th $opt: A', ' '.join('%.4f'%a for a,b in p)); print('   B', ' '.join('%.4f'%b for a,b in p))
print('   B/A median %.3f (min %.3f max %.3f), pairs %d' % (statistics.median(r), min(r), max(r), len(r)))
"
