#!/bin/bash
# usage: phab.sh ROUNDS THREADS NEW_LAUNCHER OLD_LAUNCHER [extra opts for new]
R=$1; T=$2; NEW=$3; OLD=$4; NOPTS=$5
cd /work/main
for i in $(seq 1 $R); do
  for which in new old; do
    L=$NEW; opts="-Dpathnorm.phases=true $NOPTS"; [ $which = old ] && { L=$OLD; opts="-Dpathnorm.phases=true"; }
    rm -rf /tmp/rp
    s=$(date +%s.%N)
    out=$(PATHNORM_JAVA_OPTS="$opts" $L train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs 10 --threads $T --quiet --out /tmp/rp 2>&1)
    e=$(date +%s.%N)
    tr=$(echo "$out" | grep -E "phase epoch-([2-9]|10)-train" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    ev=$(echo "$out" | grep -E "phase epoch-([2-9]|10)-evaluate" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    e1=$(echo "$out" | grep -E "phase epoch-1-train" | awk '{print $3}')
    echo "$which wall $(echo "$e - $s" | bc | cut -c1-5) epoch1 $e1 train-median $tr eval-median $ev"
  done
done
