J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
F="-XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,org.pathnorm.simd.*::*,0.05 -XX:Tier4BackEdgeThreshold=400000 -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=/work/main/target/c2-directives.json -XX:+UseTransparentHugePages"
for r in $(seq 1 $2); do for j in old new; do for t in $1; do echo -n "$j "; $J --add-modules jdk.incubator.vector $F -cp /tmp/$j.jar:/tmp/h EvalTimes $t 2>/dev/null; done; done; done
