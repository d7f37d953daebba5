#!/usr/bin/env bash
# abl.sh ROUNDS NEW_LAUNCHER OLD_LAUNCHER KEY bench-args... : alternating processes; KEY = gflops (higher better) or ms_per_step (lower better); prints ratio new-better
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
R=$1; NEW=$2; OLD=$3; KEY=$4; shift 4
cd /work/main
ratios=()
for ((i=1;i<=R;i++)); do
  if (( i % 2 )); then order="new old"; else order="old new"; fi
  for v in $order; do
    if [ $v = new ]; then l=$NEW; else l=$OLD; fi
    t=$($l bench "$@" --json 2>/dev/null | python3 -c "import json,sys; print(json.load(sys.stdin)['$KEY'])")
    eval "t_$v=\$t"
  done
  if [ $KEY = gflops ]; then r=$(python3 -c "print($t_new/$t_old)"); else r=$(python3 -c "print($t_old/$t_new)"); fi
  printf "round %d: new %.4f old %.4f ratio %.3f\n" $i $t_new $t_old $r
  ratios+=($r)
done
python3 -c "import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print('median speedup new vs old %.3f (%.3f-%.3f) over %d'%(statistics.median(v),min(v),max(v),len(v)))" "${ratios[@]}"
