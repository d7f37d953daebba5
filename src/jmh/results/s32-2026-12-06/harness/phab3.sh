#!/bin/bash
R=$1; T=$2; NEW=$3; OLD=$4
cd /work/main
for i in $(seq 1 $R); do
  for which in new old; do
    L=$NEW; [ $which = old ] && L=$OLD
    pre=$(/tmp/pp 1 | awk '{printf "%s", $3}')
    rm -rf /tmp/rp
    s=$(date +%s.%N)
    out=$(PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true" $L train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs 10 --threads $T --quiet --out /tmp/rp 2>&1)
    e=$(date +%s.%N)
    post=$(/tmp/pp 1 | awk '{printf "%s", $3}')
    echo "$out" | awk -v w=$which -v pre=$pre -v post=$post -v wall=$(echo "$e - $s" | bc) '
      /^phase/ { if ($2 ~ /epoch-1-train/) e1=$3; else if ($2 ~ /-train$/) {tr+=$3; nt++} else if ($2 ~ /-evaluate$/) ev+=$3; else other[$2]=$3; tot+=$3 }
      END { printf "%s rtt %s/%s wall %.2f sum %.2f epoch1 %.3f train9 %.3f eval10 %.3f", w, pre, post, wall, tot, e1, tr, ev; for (k in other) if (other[k] > 0.05) printf " %s %.3f", k, other[k]; print "" }'
  done
done
