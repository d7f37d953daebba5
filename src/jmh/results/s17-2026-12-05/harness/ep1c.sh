#!/bin/bash
# ep1c.sh rounds threads launcherA launcherB : epoch-1-train and 2-epoch wall, alternating
R=$1; T=$2; shift 2
for r in $(seq $R); do for L in "$@"; do
  rm -rf /tmp/s17/runc; s=$(date +%s.%N)
  out=$(PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true" $L train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs ${EPOCHS:-2} --threads $T --quiet --out /tmp/s17/runc 2>&1)
  e=$(date +%s.%N)
  printf "%-28s r%d %s wall %.3f\n" $L $r "$(echo "$out" | awk '$2 ~ /epoch-1-train|epoch-2-train|epoch-1-eval/ {printf "%s %s ", substr($2,1,12), $3}')" $(echo "$e - $s" | bc -l)
done; done
