J=/usr/lib/jvm/${JDK:-temurin-25-jdk-amd64}/bin
run() { echo "== $1 $2 $3 $4"; $J/java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -cp . AB /tmp/s16/base.jar ${NEW:-/tmp/s16/new3.jar} h $1 $2 $3 $4 2>&1 | grep -v WARN; }
run ABStep 1 20 400
run ABStep 2 20 400
run ABStep 1:100-512-10:100 20 400
run ABStep 1:784-4000-4000-10:64 12 6
run ABStep 2:784-4000-4000-10:64 12 6
run ABGemm 1024x1024x1024:AB 12 3
run ABGemm 64x256x784:ABT 20 2000
run ABGemm 64x256x784:ABT/2 20 2000
run ABGemm 256x784x64:ATB/2 20 2000
run ABGemm 2048x2048x2048:AB/2 8 1
