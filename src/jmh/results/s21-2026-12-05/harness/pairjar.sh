#!/bin/bash
# pairjar.sh PAIRS threads arch batch steps optimizer : base.jar vs new.jar (separate processes, alternating), ms per step
P=$1; T=$2; A=$3; B=$4; S=$5; O=$6; J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
run() { $J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -jar $1 bench train --arch $A --batch $B --threads $T --optimizer $O --steps $S --repeat 3 --warmup-seconds 2 --json 2>/dev/null | python3 -c "import json,sys; print(json.loads(sys.stdin.read())['ms_per_step'])"; }
rs=()
for i in $(seq 1 $P); do
  if (( i % 2 )); then b=$(run /tmp/s18/base.jar); n=$(run /tmp/s18/new.jar); else n=$(run /tmp/s18/new.jar); b=$(run /tmp/s18/base.jar); fi
  r=$(python3 -c "print(round($b/$n,3))"); rs+=($r); echo "pair $i: before $b after $n before/after $r"
done
echo "${rs[@]}" | tr " " "\n" | sort -n | awk "{a[NR]=\$1} END {print \"median before/after\", a[int((NR+1)/2)], \"min\", a[1], \"max\", a[NR]}"
