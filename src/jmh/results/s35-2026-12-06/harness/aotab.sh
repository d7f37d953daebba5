#!/bin/bash
# aotab.sh PAIRS THREADS : alternating e2e runs with the default AOT cache (def) and the alternative (alt)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
cd /work/main
for ((i=1;i<=$1;i++)); do
  if (( i % 2 )); then order="alt def"; else order="def alt"; fi
  for v in $order; do
    rm -rf /tmp/runab
    s=$(date +%s.%N)
    PATHNORM_AOT=off PATHNORM_JAVA_OPTS="-XX:AOTCache=/tmp/$v.aot -Xlog:aot=off -Xlog:cds=off -Dpathnorm.phases=true" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs 10 --threads $2 --quiet --out /tmp/runab > /dev/null 2>/tmp/ab.err
    e=$(date +%s.%N)
    echo "$i $v total $(echo "$e - $s" | bc) e1 $(grep 'epoch-1-train' /tmp/ab.err | awk '{print $3}') e2 $(grep 'epoch-2-train' /tmp/ab.err | awk '{print $3}') read $(grep 'read-data' /tmp/ab.err | awk '{print $3}')"
  done
done
