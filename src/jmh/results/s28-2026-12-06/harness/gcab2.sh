. <(sed -n '/^run()/,/^}/p' /tmp/gcab.sh)
cd /work/main
for i in $(seq ${N:-3}); do
  run g1 "" X=1
  run par32 "-XX:+UseParallelGC -Xmn32m" X=1
  run par16 "-XX:+UseParallelGC -Xmn16m" X=1
done
