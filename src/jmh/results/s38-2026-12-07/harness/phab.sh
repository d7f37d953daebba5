#!/bin/bash
# phab.sh ROUNDS THREADS EPOCHS launcher1 launcher2 : alternating phase breakdowns
R=$1; T=$2; E=$3; shift 3
L=("$@")
for ((i=1;i<=R;i++)); do
  for ((j=0;j<${#L[@]};j++)); do
    l="${L[$(( (i+j) % ${#L[@]} ))]}"
    rm -rf /tmp/runph
    s=$(date +%s.%N)
    PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true" $l train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $E --threads $T --quiet --out /tmp/runph > /dev/null 2>/tmp/ph.err
    e=$(date +%s.%N)
    awk -v l="$l" -v tot="$(echo "$e - $s" | bc)" '/epoch-1-train/ {e1=$3} /epoch-[0-9]+-train/ && !/epoch-1-train/ {tr+=$3} /epoch-1-evaluate/ {v1=$3} /evaluate/ && !/epoch-1-evaluate/ {ev+=$3} /measures/ {m=$3} /read-data/ {rd=$3} END {printf "%-22s total %.2f e1 %.3f train2+ %.3f ev1 %.3f ev2+ %.3f meas %.3f rd %.3f\n", l, tot, e1, tr, v1, ev, m, rd}' /tmp/ph.err
  done
done
