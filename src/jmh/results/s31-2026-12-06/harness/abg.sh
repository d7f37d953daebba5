#!/usr/bin/env bash
# abg.sh ROUNDS "NEW_OPTS" "OLD_OPTS" gemm-args : alternating bench gemm processes, ratio new/old GFLOP/s
cd /work/main; export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
R=$1; NEW=$2; OLD=$3; shift 3; ratios=()
for ((i=1;i<=R;i++)); do
  if (( i % 2 )); then order="new old"; else order="old new"; fi
  for v in $order; do
    if [ $v = new ]; then o=$NEW; else o=$OLD; fi
    t=$(PATHNORM_JAVA_OPTS="$o" ./pathnorm bench gemm "$@" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["gflops"])')
    eval "t_$v=\$t"
  done
  r=$(python3 -c "print($t_new/$t_old)"); echo "round $i: new $t_new old $t_old ratio $r"; ratios+=($r)
done
python3 -c "import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print('median new/old %.3f (%.3f-%.3f) over %d'%(statistics.median(v),min(v),max(v),len(v)))" "${ratios[@]}"
