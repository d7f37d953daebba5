#!/bin/bash
# ab3.sh ROUNDS THREADS EPOCHS "envA|optsA" "envB|optsB" ["envC|optsC"] -> per run: phases of all epochs train, wall
cd /work/main
R=$1; T=$2; E=$3; shift 3
for i in $(seq $R); do for v in "$@"; do
 en="${v%%|*}"; o="${v#*|}"
 rm -rf /tmp/ab/run; s=$(date +%s.%N)
 r=$(env $en PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true $o" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $E --threads $T --quiet --out /tmp/ab/run 2>&1 | grep -E "train|evaluate" | awk '{printf "%s ", $3}')
 e=$(date +%s.%N); echo "[$v] $r | $(echo "$e - $s" | bc -l | cut -c1-5)"
done; done
