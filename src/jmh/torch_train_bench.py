#!/usr/bin/env python3
"""PyTorch CPU baseline for `pathnorm bench train`: the same training step (forward, softmax
cross-entropy, backward, SGD with momentum 0.9, lr 0.01) on the same kind of synthetic data, warm-up
excluded, median of repetitions. Prints one JSON object with samples_per_s and ms_per_step.

Usage: src/jmh/torch_train_bench.py --arch 784-4000-4000-10 --batch 64 --threads 1 [--steps 30]
Needs Debian's python3-torch. The thread count is set before torch is imported: torch does not pass
set_num_threads to the OpenBLAS it uses, so OPENBLAS_NUM_THREADS and OMP_NUM_THREADS are set too."""
import argparse, json, os, statistics, sys, time

p = argparse.ArgumentParser()
p.add_argument("--arch", required=True)
p.add_argument("--batch", type=int, default=64)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--steps", type=int, default=30)
p.add_argument("--warmup", type=int, default=10)
p.add_argument("--warmup-seconds", type=float, default=2.0)
p.add_argument("--repeat", type=int, default=3)
a = p.parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(a.threads)

import torch  # noqa: E402

torch.set_num_threads(a.threads)
torch.manual_seed(1)
widths = [int(w) for w in a.arch.split("-")]
layers = []
for i in range(len(widths) - 1):
    layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
    if i < len(widths) - 2:
        layers.append(torch.nn.ReLU())
model = torch.nn.Sequential(*layers)
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
loss_fn = torch.nn.CrossEntropyLoss()
n = a.batch * 4
x = torch.randn(n, widths[0])
y = torch.randint(0, widths[-1], (n,))
state = {"next": 0}


def step():
    i = state["next"]
    xb, yb = x[i:i + a.batch], y[i:i + a.batch]
    state["next"] = (i + a.batch) % n
    opt.zero_grad()
    loss = loss_fn(model(xb), yb)
    loss.backward()
    opt.step()


end = time.perf_counter() + a.warmup_seconds
done = 0
while done < a.warmup or time.perf_counter() < end:  # the same time-based warm-up as pathnorm bench train
    step()
    done += 1
ms = []
for _ in range(a.repeat):
    t = time.perf_counter()
    for _ in range(a.steps):
        step()
    ms.append((time.perf_counter() - t) * 1e3 / a.steps)
med = statistics.median(ms)
print(json.dumps({"benchmark": "train", "impl": "pytorch", "torch": torch.__version__, "arch": a.arch,
                  "batch": a.batch, "threads": a.threads, "samples_per_s": a.batch / (med * 1e-3),
                  "ms_per_step": med, "ms_per_step_runs": ms}))
