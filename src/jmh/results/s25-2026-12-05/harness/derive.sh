#!/bin/bash
# derive.sh DIR: writes this session's two harness variants into DIR from the earlier harnesses they change by one line:
#   ABOpt — ../s16…/ABStep with the optimiser from -Dab.method (SGD, PATH_SGD, …), so that one A/B run compares two
#           optimisers or one optimiser in two builds;
#   ABEv2 — ../s23…/ABEval with the chunk from -Dab.chunk when set (a side of an A/B run with another chunk).
here="$(cd "$(dirname "$0")" && pwd)"; r="$here/../.."
sed -e 's/ABStep/ABOpt/g' -e 's/OptimizerSpec.of(Method.SGD)/OptimizerSpec.of(Method.valueOf(System.getProperty("ab.method", "SGD")))/' \
  "$r/s16-2026-12-05/harness/ABStep.java" > "$1/ABOpt.java"
sed -e 's/ABEval/ABEv2/g' -e 's/chunk = Integer.parseInt(d\[3\]);/chunk = Integer.getInteger("ab.chunk", Integer.parseInt(d[3]));/' \
  "$r/s23-2026-12-05/harness/ABEval.java" > "$1/ABEv2.java"
