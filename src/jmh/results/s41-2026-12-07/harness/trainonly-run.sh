#!/bin/bash
# run.sh ROUNDS EPOCHS THREADS
for i in $(seq $1); do for b in base main; do d=/work/main; [ $b = base ] && d=/tmp/base
 echo "$b $(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -cp /tmp/to/$b:$d/target/pathnorm.jar org.pathnorm.train.TrainOnly $2 $3 2>/dev/null | awk '{printf "%s ", $3}')"
done; done
