#!/bin/bash
# pair.sh N THREADS LAUNCHER_A LAUNCHER_B: alternating whole 10-epoch runs, prints wall, train-phase sum, eval sum
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
n=$1; t=$2; shift 2
for i in $(seq 1 $n); do
  for l in "$@"; do
    rm -rf /tmp/pr; s=$(date +%s.%N)
    PATHNORM_JAVA_OPTS=-Dpathnorm.phases=true $l train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs 10 --threads $t --out /tmp/pr --quiet 2>/tmp/pr.err >/dev/null
    e=$(date +%s.%N)
    awk -v l=$l -v w=$(echo "$e - $s" | bc) '/-train/ {tr+=$3; if ($2=="epoch-1-train") t1=$3} /evaluate/ {ev+=$3} END {printf "%s wall %.2f train %.3f (epoch1 %.3f) eval %.3f\n", l, w, tr, t1, ev}' /tmp/pr.err
  done
done
