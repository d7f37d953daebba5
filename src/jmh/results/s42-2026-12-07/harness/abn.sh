#!/bin/bash
# abn.sh ROUNDS THREADS EPOCHS "envA" "envB" ["envC"]
R=$1; T=$2; E=$3; shift 3
cd /work/main
for i in $(seq $R); do
 n=0
 for o in "$@"; do
  n=$((n+1))
  rm -rf /tmp/rab
  s=$(date +%s.%N)
  out=$(eval "$o ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $E --threads $T --quiet --out /tmp/rab 2>&1")
  e=$(date +%s.%N)
  echo "C$n total $(echo "$e - $s" | bc -l | cut -c1-5) $(echo "$out" | grep '^phase' | grep -v listeners | sed 's/phase //;s/epoch-//;s/-train/t/;s/-evaluate/e/;s/jvm-uptime-at-command/jvm/;s/before-first-step/bfs/;s/after-last-epoch/ale/;s/read-data/read/;s/measures/meas/' | tr '\n' ' ' | cut -c1-200)"
 done
done
