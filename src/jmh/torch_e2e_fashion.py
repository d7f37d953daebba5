#!/usr/bin/python3
"""The PyTorch script a researcher would write for
  pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 \
      --batch 64 --epochs 10 --threads T
and the PyTorch side of src/jmh/e2e-fashion.sh (whole process timed by the driver).

Mirrors PathNorm's run: the four gz IDX files of /usr/share/datasets/fashion-mnist read in full and
scaled to v/255 in [0, 1] (data/IdxReader.java; no normalisation, no validation split); a 784-H-10 ReLU
network with weights N(0, 1/fan_in) and zero biases (nn/Initializer.java, --init gaussian); softmax
cross-entropy; SGD with heavy-ball momentum (PyTorch's form v = mu v + g, w -= lr v is the same
trajectory as PathNorm's v = mu v - lr g, w += v at a constant learning rate); a seeded random order
each epoch, the last batch short; after every epoch the mean loss and 0-1 error on the whole training
set and the whole test set (Trainer.evaluateEpoch), forward-only in chunks of 1000 under no_grad.
Prints one line per epoch and the total seconds.

Usage: src/jmh/torch_e2e_fashion.py [--threads 1] [--epochs 10] [--arch 784-256-10] [--batch 64]
The thread count is set before torch is imported (OpenBLAS ignores torch.set_num_threads)."""
import argparse, gzip, os, struct, sys, time

t0 = time.perf_counter()
p = argparse.ArgumentParser()
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
p.add_argument("--arch", default="784-256-10")
p.add_argument("--lr", type=float, default=0.01)
p.add_argument("--momentum", type=float, default=0.9)
p.add_argument("--batch", type=int, default=64)
p.add_argument("--epochs", type=int, default=10)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--eval-chunk", type=int, default=1000)
p.add_argument("--quiet", action="store_true")
a = p.parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(a.threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)


def idx(name):
    with gzip.open(os.path.join(a.data, name + ".gz"), "rb") as f:
        raw = f.read()
    ndims = raw[3]
    dims = struct.unpack(">" + "I" * ndims, raw[4:4 + 4 * ndims])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndims).reshape(dims)


def images(name):
    x = idx(name)
    return torch.from_numpy(x.reshape(x.shape[0], -1).astype(np.float32) / 255.0)


def labels(name):
    return torch.from_numpy(idx(name).astype(np.int64))


x_train, y_train = images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte")
x_test, y_test = images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte")

widths = [int(w) for w in a.arch.split("-")]
layers = []
for i in range(len(widths) - 1):
    lin = torch.nn.Linear(widths[i], widths[i + 1])
    with torch.no_grad():
        lin.weight.normal_(0.0, 1.0 / widths[i] ** 0.5)  # --init gaussian: N(0, 1/fan_in), zero bias
        lin.bias.zero_()
    layers.append(lin)
    if i < len(widths) - 2:
        layers.append(torch.nn.ReLU())
model = torch.nn.Sequential(*layers)
opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=a.momentum)
loss_fn = torch.nn.CrossEntropyLoss()
sum_loss = torch.nn.CrossEntropyLoss(reduction="sum")


def evaluate(x, y):
    loss, errors = 0.0, 0
    with torch.no_grad():
        for i in range(0, x.shape[0], a.eval_chunk):
            out = model(x[i:i + a.eval_chunk])
            loss += sum_loss(out, y[i:i + a.eval_chunk]).item()
            errors += (out.argmax(1) != y[i:i + a.eval_chunk]).sum().item()
    return loss / x.shape[0], errors / x.shape[0]


n = x_train.shape[0]
g = torch.Generator().manual_seed(a.seed)
for epoch in range(a.epochs):
    start = time.perf_counter()
    order = torch.randperm(n, generator=g)
    model.train()
    for first in range(0, n, a.batch):
        idx_b = order[first:first + a.batch]
        opt.zero_grad()
        loss = loss_fn(model(x_train[idx_b]), y_train[idx_b])
        loss.backward()
        opt.step()
    seconds = time.perf_counter() - start
    model.eval()
    tr = evaluate(x_train, y_train)
    te = evaluate(x_test, y_test)
    if not a.quiet:
        print("epoch %d train loss %.4f error %.4f test loss %.4f error %.4f (%.2f s training, %.2f s in all)"
              % (epoch + 1, tr[0], tr[1], te[0], te[1], seconds, time.perf_counter() - start), flush=True)
print("total %.3f s" % (time.perf_counter() - t0))
