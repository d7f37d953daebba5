#!/bin/bash
# opt.sh ROUNDS EPOCHS THREADS "optsA" "optsB"
for i in $(seq $1); do for o in "$4" "$5"; do
 p1=$(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp /tmp/pp PingPong)
 r=$(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages $o -cp /tmp/to/main:/work/main/target/pathnorm.jar org.pathnorm.train.TrainOnly $2 $3 2>/dev/null | awk '{printf "%s ", $3}')
 p2=$(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp /tmp/pp PingPong)
 echo "[${o:-default}] pp $p1/$p2 : $r"
done; done
