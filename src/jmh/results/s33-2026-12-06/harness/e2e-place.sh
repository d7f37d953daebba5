#!/bin/bash
# e2e-place.sh PAIRS: 2-thread e2e runs of PathNorm and PyTorch alternating, each with a cache-line round-trip probe
# (pp.c) before and after: "impl wall rtt_before rtt_after"
N=$1
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
export OMP_WAIT_POLICY=PASSIVE
cd /work/main
pn() { rm -rf /tmp/rp_p; ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs 10 --threads 2 --quiet --out /tmp/rp_p >/dev/null; }
pt() { env -u OPENBLAS_CORETYPE /usr/bin/python3 src/jmh/torch_e2e_fashion.py --epochs 10 --threads 2 --quiet >/dev/null; }
one() {
  local a b s e
  a=$(/tmp/pp 1 | awk '{print $3}'); s=$(date +%s.%N); $1; e=$(date +%s.%N); b=$(/tmp/pp 1 | awk '{print $3}')
  printf "%s %.2f %s %s\n" "$2" "$(echo "$e - $s" | bc)" "$a" "$b"
}
for i in $(seq 1 $N); do
  if (( i % 2 )); then one pn pathnorm; one pt torch; else one pt torch; one pn pathnorm; fi
done
