#!/usr/bin/env bash
# Builds the benchmarks (profile jmh: src/jmh/java as test sources, OpenBLAS via JavaCPP in test scope
# only) and runs JMH on the newest JDK. Arguments go to JMH, e.g.
#   src/jmh/run.sh GemmBenchmark -p shape=1024x1024x1024:NN -p threads=1,2 -p impl=pathnorm,openblas
# Results: target/jmh-result.json; src/jmh/report.py turns them into the BENCHMARKS.md table.
set -euo pipefail
cd "$(dirname "$0")/../.."
JDK=${JMH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -x "$JDK/bin/java" ]; then JDK=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")"); fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  JAVA_HOME="$JDK" mvn -B -q -Pjmh -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip test-compile
fi
CP="target/test-classes:target/classes:$(cat target/jmh.classpath)"
result=(-rf json -rff target/jmh-result.json)
for arg in "$@"; do [ "$arg" = "-rff" ] && result=(-rf json); done
exec "$JDK/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$CP" \
  org.openjdk.jmh.Main "${result[@]}" "$@"
