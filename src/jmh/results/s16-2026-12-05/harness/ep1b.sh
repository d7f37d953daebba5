#!/bin/bash
# ep1b.sh rounds threads cache1 cache2 ... ; cache "none" = no AOT
R=$1; T=$2; shift 2
for r in $(seq $R); do for c in "$@"; do
  o="-Dpathnorm.phases=true"; [ "$c" != none ] && o="$o -XX:AOTCache=/tmp/s16/$c.aot -Xlog:aot=off -Xlog:cds=off"
  rm -rf /tmp/s16/run; s=$(date +%s.%N)
  out=$(PATHNORM_AOT=off PATHNORM_JAVA_OPTS="$o" ./pathnorm train --data fashion-mnist --arch ${ARCH:-784-256-10} --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs ${EPOCHS:-2} --threads $T --quiet --out /tmp/s16/run 2>&1)
  e=$(date +%s.%N)
  printf "%-5s r%d %s wall %.3f\n" $c $r "$(echo "$out" | awk '$2 ~ /jvm-uptime|read-data|epoch-1-train|epoch-2-train|epoch-1-eval/ {printf "%s %s ", substr($2,1,10), $3}')" $(echo "$e - $s" | bc -l)
done; done
