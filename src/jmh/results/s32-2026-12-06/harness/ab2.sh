#!/bin/bash
# usage: ab2.sh ROUNDS "NEWOPTS" "OLDOPTS" bench-train-args...
R=$1; N=$2; O=$3; shift 3
cd /work/main
for i in $(seq 1 $R); do
  for which in new old; do
    opts=$N; [ $which = old ] && opts=$O
    runs=$(PATHNORM_JAVA_OPTS="$opts" ./pathnorm bench train "$@" --json 2>&1 | tail -1 | grep -o '"ms_per_step_runs.*' | tr ',' '\n' | sed 's/.*\[//; s/\]}//' | awk '{printf "%.3f ", $1}')
    med=$(echo $runs | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$which $med : $runs"
  done
done
