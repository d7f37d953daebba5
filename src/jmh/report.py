#!/usr/bin/env python3
"""GemmBenchmark results (JMH JSON, ms/op) → the BENCHMARKS.md table.

Usage: src/jmh/report.py RESULT.json [RESULT.json ...]
Files named rep<R>-… belong to repetition R (PathNorm and OpenBLAS measured back to back in each).
For each shape and thread count the table gives the median GFLOP/s of each implementation over the
repetitions, and the median (with min–max) of the per-repetition ratio PathNorm / OpenBLAS."""
import os, re
import json, statistics, sys

reps = {}  # (shape, threads) -> impl -> [gflops per repetition]
ratios = {}  # (shape, threads) -> [ratio per repetition]
by_rep = {}
for path in sys.argv[1:]:
    m = re.match(r"rep(\d+)", os.path.basename(path))
    by_rep.setdefault(m.group(1) if m else path, []).append(path)
for paths in by_rep.values():
    run = {}
    for r in [x for path in paths for x in json.load(open(path))]:
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
