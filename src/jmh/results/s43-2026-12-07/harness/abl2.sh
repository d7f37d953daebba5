#!/bin/bash
# abl2.sh ROUNDS THREADS EPOCHS launcherA launcherB  (phases on; order alternates per round)
R=$1; T=$2; E=$3; A=$4; B=$5
for i in $(seq $R); do
 if (( i % 2 )); then order="1:$A 2:$B"; else order="2:$B 1:$A"; fi
 for nl in $order; do
  n=${nl%%:*}; l=${nl#*:}
  rm -rf /tmp/rab
  s=$(date +%s.%N)
  out=$(PATHNORM_JAVA_OPTS=-Dpathnorm.phases=true $l train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $E --threads $T --quiet --out /tmp/rab $EXTRA 2>&1)
  e=$(date +%s.%N)
  echo "C$n total $(echo "$e - $s" | bc -l | cut -c1-5) $(echo "$out" | grep '^phase' | grep -v listeners | sed 's/phase //;s/epoch-//;s/-train/t/;s/-evaluate/e/;s/jvm-uptime-at-command/jvm/;s/before-first-step/bfs/;s/after-last-epoch/ale/;s/read-data/read/;s/measures/meas/' | tr '\n' ' ' | cut -c1-300)"
 done
done
