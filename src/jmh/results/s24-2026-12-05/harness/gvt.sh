#!/bin/bash
# gvt.sh REPS: bench gemm (new, base) and torch matmul alternating; 1024^3 1 thread, 2048^3 2 threads
for i in $(seq 1 $1); do
  for cfg in "1024 1" "2048 2"; do set -- $cfg; s=$1; t=$2
    n=$(/work/main/pathnorm bench gemm --m $s --n $s --k $s --threads $t 2>&1 | grep -o "): [0-9.]*" | grep -o "[0-9.]*$")
    b=$(/tmp/base/pathnorm bench gemm --m $s --n $s --k $s --threads $t 2>&1 | grep -o "): [0-9.]*" | grep -o "[0-9.]*$")
    p=$(/usr/bin/python3 /tmp/s24/mm1.py $t $s $s $s)
    echo "$s^3 ${t}t new $n base $b torch $p new/torch $(echo "scale=3; $n/$p" | bc) base/torch $(echo "scale=3; $b/$p" | bc)"
  done
done
