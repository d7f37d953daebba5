#!/bin/bash
# optab.sh ROUNDS THREADS EPOCHS opts1 opts2 ... : alternating (rotating) e2e runs with each PATHNORM_JAVA_OPTS
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
cd /work/main
R=$1; T=$2; E=$3; shift 3
opts=("$@")
n=${#opts[@]}
for ((i=1;i<=R;i++)); do
  for ((j=0;j<n;j++)); do
    o="${opts[$(( (i+j) % n ))]}"
    rm -rf /tmp/runab
    s=$(date +%s.%N)
    PATHNORM_JAVA_OPTS="$o -Dpathnorm.phases=true" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $E --threads $T --quiet --out /tmp/runab > /dev/null 2>/tmp/ab.err
    e=$(date +%s.%N)
    echo "$i [$o] total $(echo "$e - $s" | bc) e1 $(grep 'epoch-1-train' /tmp/ab.err | awk '{print $3}') e2 $(grep 'epoch-2-train' /tmp/ab.err | awk '{print $3}') ev1 $(grep "epoch-1-evaluate" /tmp/ab.err | awk "{print \$3}") rd $(grep "read-data" /tmp/ab.err | awk "{print \$3}") up $(grep "jvm-uptime" /tmp/ab.err | awk "{print \$3}")"
  done
done
