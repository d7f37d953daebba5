#!/bin/bash
R=$1; T=$2; NEW=$3; OLD=$4
cd /work/main
for i in $(seq 1 $R); do
  for which in new old; do
    L=$NEW; [ $which = old ] && L=$OLD
    pre=$(/tmp/pp 2 | awk '{printf "%s/", $3}')
    rm -rf /tmp/rp
    out=$(PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true" $L train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs 10 --threads $T --quiet --out /tmp/rp 2>&1)
    post=$(/tmp/pp 2 | awk '{printf "%s/", $3}')
    tr=$(echo "$out" | grep -E "phase epoch-([2-9]|10)-train" | awk '{printf "%.3f ", $3}')
    echo "$which rtt $pre $post train $tr"
  done
done
