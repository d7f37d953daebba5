#!/usr/bin/env python3
"""PyTorch baseline for the spectral norm (issue #6): writes a Gaussian float32 matrix (fixed seed) as
raw little-endian float32 for SpectralNormTiming, times torch.linalg.matrix_norm(W, 2) on it (warm-up
excluded, median of --repeat), and prints one JSON line with the value, which is also the reference
for PathNorm's error.

Usage: src/jmh/torch_spectral_bench.py --rows 4000 --cols 4000 --threads 1 --out target/W.bin [--repeat 5]
The thread count is set before torch is imported (torch does not pass set_num_threads to OpenBLAS)."""
import argparse, json, os, statistics, time

p = argparse.ArgumentParser()
p.add_argument("--rows", type=int, required=True)
p.add_argument("--cols", type=int, required=True)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--repeat", type=int, default=5)
p.add_argument("--out", required=True)
a = p.parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(a.threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(a.threads)
W = np.random.default_rng(a.seed).standard_normal((a.rows, a.cols)).astype(np.float32)
W.astype("<f4").tofile(a.out)
t = torch.from_numpy(W)
torch.linalg.matrix_norm(t, 2)  # warm-up
secs = []
for _ in range(a.repeat):
    s = time.perf_counter()
    v = torch.linalg.matrix_norm(t, 2)
    secs.append(time.perf_counter() - s)
exact = float(torch.linalg.matrix_norm(t.double(), 2))
print(json.dumps({"impl": "torch", "torch": torch.__version__, "rows": a.rows, "cols": a.cols, "threads": a.threads,
                  "sigma": float(v), "sigma_float64": exact, "seconds_median": statistics.median(secs),
                  "seconds": secs}))
