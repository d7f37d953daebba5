#!/bin/bash
# pair.sh PAIRS THREADS launcherA launcherB [EXTRA_B_JAVA_OPTS]: alternating whole runs of 10 epochs, prints times and ratio A/B
P=$1; T=$2; A=$3; B=$4; BOPTS=${5:-}
run(){ local l=$1 o=$2; rm -rf /tmp/s23/pr; local t0=$(date +%s.%N); PATHNORM_JAVA_OPTS="$o" $l train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs 10 --threads $T --quiet --out /tmp/s23/pr >/dev/null 2>&1; echo "$(date +%s.%N) - $t0" | bc -l; }
for i in $(seq 1 $P); do
  if [ $((i % 2)) -eq 1 ]; then a=$(run $A ""); b=$(run $B "$BOPTS"); else b=$(run $B "$BOPTS"); a=$(run $A ""); fi
  printf "pair %d: A %.2f B %.2f A/B %.3f\n" $i $a $b $(echo "$a / $b" | bc -l)
done
