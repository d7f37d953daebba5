#!/bin/bash
# e2espin.sh PAIRS EPOCHS MICROS: wall of `train` on Fashion-MNIST 784-256-10, 2 threads, spin 500 us vs MICROS
P=$1; E=$2; M=$3; J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
run() { rm -rf /tmp/s21/run; s=$(date +%s.%N); $J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Dpathnorm.spinMicros=$1 -jar /tmp/s21/spin.jar train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $E --threads 2 --quiet --out /tmp/s21/run >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc -l; }
rs=()
for i in $(seq 1 $P); do
  if (( i % 2 )); then a=$(run 500); b=$(run $M); else b=$(run $M); a=$(run 500); fi
  r=$(python3 -c "print(round($a/$b,3))"); rs+=($r); echo "pair $i: 500us $a ${M}us $b ratio $r"
done
echo "${rs[@]}" | tr " " "\n" | sort -n | awk "{a[NR]=\$1} END {print \"median 500/$M\", a[int((NR+1)/2)], \"min\", a[1], \"max\", a[NR]}"
