# usage: ab-launch.sh ; env T, N, IDLE, EPOCHS
runl() { # label launcher
  local label=$1 l=$2
  rm -rf /tmp/rr; sleep ${IDLE:-1}
  local t0=$(date +%s.%N)
  PATHNORM_JAVA_OPTS="-Dpathnorm.phases=true" $l train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs ${EPOCHS:-10} --threads ${T:-1} --quiet --out /tmp/rr > /tmp/rr.out 2>&1
  local t1=$(date +%s.%N)
  printf "%-5s wall %.2f read %s ep1 %s ep2 %s ev1 %s ev2 %s ev3 %s ev10 %s evsum %s\n" $label $(echo "$t1 - $t0" | bc) $(awk '/read-data/{print $3}' /tmp/rr.out) $(awk '/epoch-1-train/{print $3}' /tmp/rr.out) $(awk '/epoch-2-train/{print $3}' /tmp/rr.out) $(awk '/epoch-1-evaluate/{print $3}' /tmp/rr.out) $(awk '/epoch-2-evaluate/{print $3}' /tmp/rr.out) $(awk '/epoch-3-evaluate/{print $3}' /tmp/rr.out) $(awk '/epoch-10-evaluate/{print $3}' /tmp/rr.out) $(awk '/evaluate/{s+=$3} END{print s}' /tmp/rr.out)
}
echo "# $(date -u +%FT%TZ) threads ${T:-1}; old = /tmp/base (019d37e), new = /work/main ($(git -C /work/main rev-parse --short HEAD)); load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq ${N:-4}); do
  if (( i % 2 )); then runl old /tmp/base/pathnorm; runl new ./pathnorm; else runl new ./pathnorm; runl old /tmp/base/pathnorm; fi
done
