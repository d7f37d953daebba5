#!/usr/bin/env bash
# ab.sh ROUNDS "bench train args" : alternating packedTransposedA=true/false, prints ms/step (median of --repeat) per run and the median ratio false/true
cd /work/main
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
R=$1; shift
ratios=()
for ((i=1;i<=R;i++)); do
  if (( i % 2 )); then order="true false"; else order="false true"; fi
  for v in $order; do
    t=$(PATHNORM_JAVA_OPTS="-Dpathnorm.gemm.packedTransposedA=$v" ./pathnorm bench train "$@" --json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("msPerStep", d.get("ms_per_step", d)))')
    eval "t_$v=\$t"
  done
  r=$(python3 -c "print($t_false/$t_true)")
  echo "round $i: new $t_true old $t_false ratio old/new $r"
  ratios+=($r)
done
python3 -c "import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print('median old/new %.3f (%.3f-%.3f) over %d'%(statistics.median(v),min(v),max(v),len(v)))" "${ratios[@]}"
