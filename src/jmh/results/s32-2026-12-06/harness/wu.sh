#!/bin/bash
# wu.sh ROUNDS THREADS "opts1" "opts2" ... : epoch-1 training time and total phases per option set, alternating
R=$1; T=$2; shift 2
cd /work/main
for i in $(seq 1 $R); do
  for o in "$@"; do
    rm -rf /tmp/rw
    s=$(date +%s.%N)
    out=$(PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true $o" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs 3 --threads $T --quiet --out /tmp/rw 2>&1)
    e=$(date +%s.%N)
    echo "$out" | awk -v o="$o" -v wall=$(echo "$e - $s" | bc) '/^phase epoch-1-train/ {e1=$3} /^phase epoch-[23]-train/ {t+=$3} END {printf "%-45s wall %.2f epoch1 %.3f epochs2-3 %.3f\n", o, wall, e1, t}'
  done
done
