cd /work/main
run() { # label, java opts, env...
  local label=$1 opts=$2; shift 2
  rm -rf /tmp/rr; sleep ${IDLE:-3}
  local f0=$(awk '/^thp_fault_alloc /{print $2}' /proc/vmstat)
  local t0=$(date +%s.%N)
  env "$@" PATHNORM_JAVA_OPTS="$opts -Dpathnorm.phases=true" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs ${EPOCHS:-10} --threads ${T:-1} --quiet --out /tmp/rr > /tmp/rr.out 2>&1
  local t1=$(date +%s.%N)
  local f1=$(awk '/^thp_fault_alloc /{print $2}' /proc/vmstat)
  printf "%-10s wall %.2f thp %3d read %s ep1 %s ep2 %s ep10 %s ev1 %s ev2 %s meas %s\n" $label $(echo "$t1 - $t0" | bc) $((f1-f0)) $(awk '/read-data/{print $3}' /tmp/rr.out) $(awk '/epoch-1-train/{print $3}' /tmp/rr.out) $(awk '/epoch-2-train/{print $3}' /tmp/rr.out) $(awk '/epoch-10-train/{print $3}' /tmp/rr.out) $(awk '/epoch-1-evaluate/{print $3}' /tmp/rr.out) $(awk '/epoch-2-evaluate/{print $3}' /tmp/rr.out) $(awk '/phase measures/{print $3}' /tmp/rr.out)
}
for i in $(seq ${N:-4}); do
  run g1 "" X=1
  run par64 "-XX:+UseParallelGC -Xmn64m" X=1
  run parmax64 "-XX:+UseParallelGC -XX:MaxNewSize=64m" X=1

done
