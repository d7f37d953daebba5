#!/usr/bin/env python3
"""GemmBenchmark results (JMH JSON, ms/op) → the BENCHMARKS.md table.

Usage: src/jmh/report.py RESULT.json [RESULT.json ...]
Each file is one repetition of the suite (PathNorm and OpenBLAS measured back to back in it). For each
shape and thread count the table gives the median GFLOP/s of each implementation over the repetitions,
and the median (with min–max) of the per-repetition ratio PathNorm / OpenBLAS."""
import json, statistics, sys

reps = {}  # (shape, threads) -> impl -> [gflops per repetition]
ratios = {}  # (shape, threads) -> [ratio per repetition]
for path in sys.argv[1:]:
    run = {}
    for r in json.load(open(path)):
        if not r["benchmark"].endswith("GemmBenchmark.sgemm"):
            continue
        p = r["params"]
        m, n, k = (int(x) for x in p["shape"].split(":")[0].split("x"))
        gflops = 2.0 * m * n * k / (r["primaryMetric"]["score"] * 1e-3) / 1e9
        key = (p["shape"], int(p["threads"]))
        run.setdefault(key, {})[p["impl"]] = gflops
        reps.setdefault(key, {}).setdefault(p["impl"], []).append(gflops)
    for key, impls in run.items():
        if "pathnorm" in impls and "openblas" in impls:
            ratios.setdefault(key, []).append(impls["pathnorm"] / impls["openblas"])

def med(xs):
    return "%.1f" % statistics.median(xs) if xs else "–"

print("| M×N×K : op | threads | PathNorm GFLOP/s | OpenBLAS GFLOP/s | ratio (median) | ratio min–max | reps | scalar GFLOP/s |")
print("|---|---|---|---|---|---|---|---|")
order = lambda kv: (kv[0][1], kv[0][0].split(":")[1], [int(x) for x in kv[0][0].split(":")[0].split("x")])
for (shape, t), impls in sorted(reps.items(), key=order):
    rs = ratios.get((shape, t), [])
    rm = "**%.2f**" % statistics.median(rs) if rs else "–"
    rr = "%.2f–%.2f" % (min(rs), max(rs)) if rs else "–"
    print(f"| {shape.replace('x', '×').replace(':', ' : ')} | {t} | {med(impls.get('pathnorm', []))} | "
          f"{med(impls.get('openblas', []))} | {rm} | {rr} | {len(rs)} | {med(impls.get('scalar', []))} |")
