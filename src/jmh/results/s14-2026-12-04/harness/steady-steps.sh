#!/bin/bash
cd /work/main
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
D="-XX:+UnlockDiagnosticVMOptions -XX:+DisplayVMOutputToStderr -XX:CompilerDirectivesFile=/tmp/osr/dir.json"
run() { # label opts args...
  local l="$1" o="$2"; shift 2
  PATHNORM_JAVA_OPTS="$o" ./pathnorm bench train "$@" --json 2>/dev/null | python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print('$l', d['ms_per_step'])"
}
for cfg in "--arch 784-256-10 --batch 64 --threads 1 --steps 300" \
           "--arch 100-512-10 --batch 100 --threads 1 --steps 300" \
           "--arch 784-4000-4000-10 --batch 64 --threads 1 --steps 20" \
           "--arch 784-4000-4000-10 --batch 64 --threads 2 --steps 20 --optimizer path-sgd" \
           "--arch 1x32x32:c16k3p1-c16k3p1-mp2-c32k3p1-c32k3p1-mp2-c64k3p1-c64k3p1-mp2-10 --batch 64 --threads 1 --steps 10"; do
  echo "== $cfg"
  for r in 1 2 3; do
    if [ $((r % 2)) -eq 1 ]; then run a "" $cfg; run d "$D" $cfg; else run d "$D" $cfg; run a "" $cfg; fi
  done
done
