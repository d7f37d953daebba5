J=/usr/lib/jvm/java-17-openjdk-amd64/bin
run() { echo "== JDK17 $1 $2 $3 $4"; $J/java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -cp . AB /tmp/s16/base.jar /tmp/s16/new3.jar h $1 $2 $3 $4 2>&1 | grep -v WARN; }
run ABGemm 64x256x784:ABT 20 2000
run ABGemm 64x256x784:ABT/2 20 2000
run ABStep 1 20 400
run ABStep 2 20 400
