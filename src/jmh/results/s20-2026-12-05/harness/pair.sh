#!/bin/bash
# pair.sh PAIRS threads arch batch steps : fused (default) vs -Dpathnorm.train.fusedUpdate=false, separate processes, alternating
P=$1; T=$2; A=$3; B=$4; S=$5; J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}; JAR=${JAR:-/tmp/s20/fused.jar}
run() { $J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages $1 -jar $JAR bench train --arch $A --batch $B --threads $T --steps $S --repeat 3 --json 2>/dev/null | python3 -c "import json,sys; print(json.loads(sys.stdin.read())['ms_per_step'])"; }
rs=()
for i in $(seq 1 $P); do
  if (( i % 2 )); then f=$(run ""); s=$(run -Dpathnorm.train.fusedUpdate=false); else s=$(run -Dpathnorm.train.fusedUpdate=false); f=$(run ""); fi
  r=$(python3 -c "print(round($s/$f,3))"); rs+=($r); echo "pair $i: separate $s fused $f separate/fused $r"
done
echo "${rs[@]}" | tr " " "\n" | sort -n | awk "{a[NR]=\$1} END {print \"median separate/fused\", a[int((NR+1)/2)], \"min\", a[1], \"max\", a[NR]}"
