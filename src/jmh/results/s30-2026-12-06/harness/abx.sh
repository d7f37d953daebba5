#!/usr/bin/env bash
# abx.sh ROUNDS "NEW_OPTS" "OLD_OPTS" bench-train-args... : alternating processes, ratio old/new of ms/step
cd /work/main
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
R=$1; NEW=$2; OLD=$3; shift 3
ratios=()
for ((i=1;i<=R;i++)); do
  if (( i % 2 )); then order="new old"; else order="old new"; fi
  for v in $order; do
    if [ $v = new ]; then o=$NEW; else o=$OLD; fi
    t=$(PATHNORM_JAVA_OPTS="$o" ./pathnorm bench train "$@" --json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("msPerStep", d.get("ms_per_step", d)))')
    eval "t_$v=\$t"
  done
  r=$(python3 -c "print($t_old/$t_new)")
  echo "round $i: new $t_new old $t_old ratio old/new $r"
  ratios+=($r)
done
python3 -c "import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print('median old/new %.3f (%.3f-%.3f) over %d'%(statistics.median(v),min(v),max(v),len(v)))" "${ratios[@]}"
