#!/bin/bash
# osr.sh PAIRS THREADS EPOCHS "OPTS": whole-process wall and epoch-1 seconds of pathnorm train (launcher) without vs with OPTS, alternating
P=$1; T=$2; E=$3; O=$4
cd /work/main; export JAVA_HOME=${JH:-$JAVA_HOME}
run() { rm -rf /tmp/s21/r; s=$(date +%s.%N); PATHNORM_JAVA_OPTS="$1" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $E --threads $T --quiet --out /tmp/s21/r >/dev/null 2>&1; w=$(echo "$(date +%s.%N) - $s" | bc -l); e1=$(awk -F, 'NR==2{print $11}' /tmp/s21/r/metrics.csv); echo "$w $e1"; }
ra=(); for i in $(seq 1 $P); do
  if (( i % 2 )); then a=$(run ""); b=$(run "$O"); else b=$(run "$O"); a=$(run ""); fi
  echo "pair $i: without wall/epoch1 $a | with $b"
done
