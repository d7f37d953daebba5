#!/usr/bin/env python3
"""PyTorch CPU baseline for `pathnorm bench train --arch CxHxW:tokens` (conv nets): the same training
step (forward, softmax cross-entropy, backward, SGD with momentum 0.9, lr 0.01) on random inputs of
the same shape, warm-up excluded, median of repetitions. Prints one JSON object like
torch_train_bench.py. The architecture string is parsed as nn.ConvNetSpec parses it (tokens c<out>k<k>
[s<s>][p<p>][bn], mp<k>[s<s>], ap<k>[s<s>], fc<n>[bn], classes; no presets) into the same modules.

Usage: src/jmh/torch_conv_bench.py --arch 3x32x32:c32k3p1-mp2-10 --batch 64 --threads 1
Needs Debian's python3-torch (convolutions run through oneDNN)."""
import argparse, json, os, re, statistics, time

p = argparse.ArgumentParser()
p.add_argument("--arch", required=True)
p.add_argument("--batch", type=int, default=64)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--steps", type=int, default=10)
p.add_argument("--warmup", type=int, default=3)
p.add_argument("--warmup-seconds", type=float, default=2.0)
p.add_argument("--repeat", type=int, default=3)
a = p.parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(a.threads)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

torch.set_num_threads(a.threads)
torch.manual_seed(1)
shape, body = a.arch.split(":")
c, h, w = (int(v) for v in shape.split("x"))
tokens = body.split("-")
layers, flat, features = [], False, 0
for i, t in enumerate(tokens):
    if i == len(tokens) - 1:
        if not flat:
            layers.append(nn.Flatten())
            features = c * h * w
        layers.append(nn.Linear(features, int(t)))
        classes = int(t)
        break
    m = re.fullmatch(r"c(\d+)k(\d+)((?:[sp]\d+)*)(bn)?", t)
    if m:
        out, k = int(m.group(1)), int(m.group(2))
        opts = dict((o[0], int(o[1:])) for o in re.findall(r"[sp]\d+", m.group(3)))
        s, pad = opts.get("s", 1), opts.get("p", 0)
        layers.append(nn.Conv2d(c, out, k, stride=s, padding=pad))
        if m.group(4):
            layers.append(nn.BatchNorm2d(out))
        layers.append(nn.ReLU())
        c, h, w = out, (h + 2 * pad - k) // s + 1, (w + 2 * pad - k) // s + 1
        continue
    m = re.fullmatch(r"(mp|ap)(\d+)(?:s(\d+))?", t)
    if m:
        k = int(m.group(2))
        s = int(m.group(3)) if m.group(3) else k
        layers.append(nn.MaxPool2d(k, stride=s) if m.group(1) == "mp" else nn.AvgPool2d(k, stride=s))
        h, w = (h - k) // s + 1, (w - k) // s + 1
        continue
    m = re.fullmatch(r"fc(\d+)(bn)?", t)
    if not m:
        raise SystemExit(f"--arch {a.arch}: token {t!r} not understood")
    if not flat:
        layers.append(nn.Flatten())
        features, flat = c * h * w, True
    layers.append(nn.Linear(features, int(m.group(1))))
    if m.group(2):
        layers.append(nn.BatchNorm1d(int(m.group(1))))
    layers.append(nn.ReLU())
    features = int(m.group(1))
model = nn.Sequential(*layers)
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
loss_fn = nn.CrossEntropyLoss()
shape0 = [int(v) for v in shape.split("x")]
n = a.batch * 4
x = torch.randn(n, *shape0)
y = torch.randint(0, classes, (n,))
state = {"next": 0}


def step():
    i = state["next"]
    xb, yb = x[i:i + a.batch], y[i:i + a.batch]
    state["next"] = (i + a.batch) % n
    opt.zero_grad()
    loss_fn(model(xb), yb).backward()
    opt.step()


end = time.perf_counter() + a.warmup_seconds
done = 0
while done < a.warmup or time.perf_counter() < end:
    step()
    done += 1
ms, cpu = [], []
for _ in range(a.repeat):
    t = time.perf_counter()
    c = time.thread_time()  # this thread's CPU time: all of a step's with --threads 1 (oneDNN and ATen run inline)
    for _ in range(a.steps):
        step()
    ms.append((time.perf_counter() - t) * 1e3 / a.steps)
    cpu.append((time.thread_time() - c) * 1e3 / a.steps)
med = statistics.median(ms)
print(json.dumps({"benchmark": "train", "impl": "pytorch", "torch": torch.__version__, "arch": a.arch, "batch": a.batch,
                  "threads": a.threads, "samples_per_s": a.batch / (med * 1e-3), "ms_per_step": med, "cpu_ms_per_step": statistics.median(cpu),
                  "ms_per_step_runs": ms}))
