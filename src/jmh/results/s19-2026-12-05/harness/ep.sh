#!/bin/bash
# ep.sh rounds threads "optsA" "optsB" ... : 10-epoch runs alternating; prints read, epoch1 train, sum train 2-10, sum eval, measures, wall
R=$1; T=$2; shift 2
cd /work/main
for r in $(seq $R); do for O in "$@"; do
  rm -rf /tmp/s19/runp; s=$(date +%s.%N)
  out=$(PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true $O" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs ${EPOCHS:-10} --threads $T --quiet --out /tmp/s19/runp 2>&1)
  e=$(date +%s.%N)
  printf "%-40s r%d %s wall %.3f\n" "${O:0:40}" $r "$(echo "$out" | awk '$2=="read-data"{rd=$3} $2=="epoch-1-train"{e1=$3} $2 ~ /^epoch-([2-9]|10)-train/ {tr+=$3} $2 ~ /evaluate/ {ev+=$3} $2=="measures"{m=$3} END {printf "read %.3f ep1 %.3f tr2-10 %.3f eval %.3f meas %.3f", rd, e1, tr, ev, m}')" $(echo "$e - $s" | bc -l)
done; done
