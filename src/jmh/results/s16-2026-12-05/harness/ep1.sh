#!/bin/bash
# usage: ep1.sh rounds threads "label:ENV=..;ENV2=.." ...   prints epoch-1-train, epoch-2-train, total wall per config
R=$1; T=$2; shift 2
for r in $(seq $R); do
  for cfg in "$@"; do
    label=${cfg%%:*}; envs=${cfg#*:}
    rm -rf /tmp/s16/run
    s=$(date +%s.%N)
    out=$(env $envs PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true $XOPTS" ${LAUNCHER:-./pathnorm} train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs ${EPOCHS:-2} --threads $T --quiet --out /tmp/s16/run 2>&1)
    e=$(date +%s.%N)
    e1=$(echo "$out" | awk '$2=="epoch-1-train"{print $3}'); e2=$(echo "$out" | awk '$2=="epoch-2-train"{print $3}')
    rd=$(echo "$out" | awk '$2=="read-data"{print $3}')
    printf "%s r%d ep1 %s ep2 %s read %s wall %.3f\n" "$label" $r "$e1" "$e2" "$rd" $(echo "$e - $s" | bc -l)
  done
done
