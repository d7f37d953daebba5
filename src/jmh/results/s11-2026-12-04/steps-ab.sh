#!/bin/bash
# before (/tmp/benchwt, 803dcea) and after (/work/main) alternating, bench train, PAIRS pairs per configuration
PAIRS=${1:-4}
run() { $1/pathnorm bench train --arch $2 --batch $3 --threads $4 --steps $5 --optimizer $6 --repeat 3 --json 2>/dev/null | grep -o '"ms_per_step":[0-9.]*' | cut -d: -f2; }
while read -r arch batch threads steps opt; do
  for p in $(seq 1 $PAIRS); do
    if (( p % 2 )); then b=$(run /tmp/benchwt $arch $batch $threads $steps $opt); a=$(run /work/main $arch $batch $threads $steps $opt)
    else a=$(run /work/main $arch $batch $threads $steps $opt); b=$(run /tmp/benchwt $arch $batch $threads $steps $opt); fi
    echo "$arch $batch $threads $opt pair $p: before $b ms, after $a ms, before/after $(echo "$b / $a" | bc -l | cut -c1-5)"
  done
done <<'CONF'
784-256-10 64 1 2000 sgd
784-256-10 64 2 2000 sgd
100-512-10 100 1 300 sgd
100-512-10 100 2 300 sgd
784-4000-4000-10 64 1 20 sgd
784-4000-4000-10 64 2 20 sgd
784-4000-4000-10 64 2 20 path-sgd
CONF
