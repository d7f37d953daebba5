#!/bin/bash
# rotating rounds of 2-epoch 1-thread runs with different Tier4BackEdgeThreshold
cd /work/main
export JAVA_HOME=${JH:-/usr/lib/jvm/temurin-25-jdk-amd64}
R=${R:-6}; EP=${EP:-2}; T=${T:-1}
for r in $(seq 1 $R); do
  for v in $VALUES; do
    rm -rf /tmp/osr/run
    s=$(date +%s.%N)
    PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true $(eval echo \$OPT_$v)" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $EP --threads $T --quiet --out /tmp/osr/run > /tmp/osr/out.txt 2>&1
    e=$(date +%s.%N)
    e1=$(grep "epoch-1-train" /tmp/osr/out.txt | awk '{print $3}')
    e2=$(grep "epoch-2-train" /tmp/osr/out.txt | awk '{print $3}')
    me=$(grep "phase measures" /tmp/osr/out.txt | awk '{print $3}')
    echo "round $r $v wall $(echo "$e - $s" | bc) e1 $e1 e2 $e2 measures $me"
  done
done
