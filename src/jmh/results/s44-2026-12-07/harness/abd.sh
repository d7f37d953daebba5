#!/bin/bash
# abd.sh ROUNDS THREADS EPOCHS "dirA|optsA" "dirB|optsB" ... -> per run: train/eval phases, wall
R=$1; T=$2; E=$3; shift 3
for i in $(seq $R); do for v in "$@"; do
 d="${v%%|*}"; o="${v#*|}"
 rm -rf /tmp/ab/run; s=$(date +%s.%N)
 r=$(cd $d && PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true $o" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $E --threads $T --quiet --out /tmp/ab/run 2>&1 | grep -E "train|evaluate" | awk '{printf "%s ", $3}')
 e=$(date +%s.%N); echo "[$v] $r | $(echo "$e - $s" | bc -l | cut -c1-5)"
done; done
