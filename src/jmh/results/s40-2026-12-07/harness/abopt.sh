#!/bin/bash
# usage: abopt.sh ROUNDS EPOCHS THREADS "optsA" "optsB"
R=$1; E=$2; T=$3
for i in $(seq $R); do for O in "$4" "$5"; do
  rm -rf /tmp/abrun; s=$(date +%s.%N)
  PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true $O" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $E --threads $T --quiet --out /tmp/abrun > /tmp/abrun.log 2>&1
  e=$(date +%s.%N)
  tr=$(grep -E 'epoch-[0-9]+-train' /tmp/abrun.log | awk '{printf "%s ", $3}')
  ev=$(grep -E "epoch-[0-9]+-evaluate" /tmp/abrun.log | awk "{printf \"%s \", \$3}")
  printf "%-22s total %.2f train %s| eval %s\n" "$O" "$(echo "$e - $s" | bc)" "$tr" "$ev"
done; done
