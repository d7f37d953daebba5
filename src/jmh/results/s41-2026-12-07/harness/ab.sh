#!/bin/bash
# usage: ab.sh ROUNDS EPOCHS THREADS launcherA launcherB
R=$1; E=$2; T=$3; A=$4; B=$5
for i in $(seq $R); do for L in $A $B; do
  rm -rf /tmp/abrun; s=$(date +%s.%N)
  PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true $EXTRA_OPTS" $L train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs $E --threads $T --quiet --out /tmp/abrun > /tmp/abrun.log 2>&1
  e=$(date +%s.%N)
  tr=$(grep -E 'epoch-[0-9]+-train' /tmp/abrun.log | awk '{printf "%s ", $3}')
  ev=$(grep -E "epoch-[0-9]+-evaluate" /tmp/abrun.log | awk "{printf \"%s \", \$3}")
  me=$(grep -E 'phase measures' /tmp/abrun.log | awk '{print $3}')
  printf "%-22s total %.2f train %s| eval %s meas %s err %s\n" "$L" "$(echo "$e - $s" | bc)" "$tr" "$ev" "$me" "$(grep -o '"test_error"[^,]*' /tmp/abrun/metrics.json 2>/dev/null | tail -1)"
done; done
