#!/bin/bash
# rounds: SGD (after build), Path-SGD before (benchwt), Path-SGD after (main), order rotating
P=$1; T=$2
run() { $1/pathnorm bench train --arch 784-4000-4000-10 --batch 64 --threads $T --optimizer $2 --steps 20 --repeat 3 --warmup-seconds 3 --json 2>/dev/null | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["ms_per_step"])'; }
for r in $(seq 1 $P); do
  case $((r % 3)) in
    0) order="sgd before after";; 1) order="before after sgd";; 2) order="after sgd before";;
  esac
  for s in $order; do
    case $s in sgd) ms=$(run /work/main sgd);; before) ms=$(run /tmp/benchwt path-sgd);; after) ms=$(run /work/main path-sgd);; esac
    echo "$r $s $ms"
  done
done
