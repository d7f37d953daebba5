#!/bin/bash
# whole-run wall of short conv and rnn trainings, with and without the directives, alternating
cd /work/main
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
for r in 1 2 3 4; do
  for v in a d; do
    [ $v = a ] && export PATHNORM_C2_DIRECTIVES=off || export PATHNORM_C2_DIRECTIVES=on
    rm -rf /tmp/osr/run; s=$(date +%s.%N)
    ./pathnorm train --data synthetic:n=1024,d=1024,c=10 --arch 1x32x32:c16k3p1-c16k3p1-mp2-c32k3p1-c32k3p1-mp2-c64k3p1-c64k3p1-mp2-10 --epochs 1 --batch 64 --threads 1 --quiet --out /tmp/osr/run >/dev/null 2>&1
    e=$(date +%s.%N); echo "round $r $v conv $(echo "$e - $s" | bc)"
    rm -rf /tmp/osr/run; s=$(date +%s.%N)
    ./pathnorm train --model rnn --data seq:fashion-mnist --hidden 100 --rnn-init irnn --optimizer sgd --lr 1e-3 --momentum 0.9 --clip-norm 1 --batch 50 --epochs 1 --subset 3000 --quiet --threads 1 --out /tmp/osr/run >/tmp/osr/rnn.log 2>&1 || { tail -2 /tmp/osr/rnn.log; }
    e=$(date +%s.%N); echo "round $r $v rnn $(echo "$e - $s" | bc)"
  done
done
