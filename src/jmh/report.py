#!/usr/bin/env python3
"""Turns target/jmh-result.json (GemmBenchmark, ms/op) into a Markdown table of GFLOP/s and ratios
to OpenBLAS measured in the same run. Usage: src/jmh/report.py [target/jmh-result.json]"""
import json, sys

path = sys.argv[1] if len(sys.argv) > 1 else "target/jmh-result.json"
rows = {}
for r in json.load(open(path)):
    if not r["benchmark"].endswith("GemmBenchmark.sgemm"):
        continue
    p = r["params"]
    dims, op = p["shape"].split(":")
    m, n, k = (int(x) for x in dims.split("x"))
    ms = r["primaryMetric"]["score"]
    err = r["primaryMetric"]["scoreError"]
    gflops = 2.0 * m * n * k / (ms * 1e-3) / 1e9
    rows.setdefault((p["shape"], int(p["threads"])), {})[p["impl"]] = (gflops, ms, err)

print("| shape (M×N×K:op) | threads | PathNorm GFLOP/s | OpenBLAS GFLOP/s | ratio | scalar GFLOP/s |")
print("|---|---|---|---|---|---|")
for (shape, t), impls in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    pn = impls.get("pathnorm")
    ob = impls.get("openblas")
    sc = impls.get("scalar")
    f = lambda v: "%.1f" % v[0] if v else "–"
    ratio = "%.2f" % (pn[0] / ob[0]) if pn and ob else "–"
    print(f"| {shape} | {t} | {f(pn)} | {f(ob)} | {ratio} | {f(sc)} |")
