#!/bin/bash
# abr.sh A B class spec windows steps  (launcher compile flags)
cd /tmp/s29; /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Xmx8g -XX:CompileCommand=quiet "-XX:CompileCommand=CompileThresholdScaling,org.pathnorm.simd.*::*,0.05" -XX:Tier4BackEdgeThreshold=400000 -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=/work/main/target/c2-directives.json -cp h AB "$1" "$2" h "$3" "$4" $5 $6 2>&1 | grep -v "WARNING\|directives"
