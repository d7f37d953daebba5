#!/usr/bin/env python3
"""Loads a PathNorm model.safetensors into a PyTorch nn.Sequential(Linear, ReLU, ..., Linear) with
load_state_dict(strict=True), runs it on the 1,797 UCI digits (pixels / 16), and prints the accuracy
and the logits of the first three samples as JSON, to compare with PathNorm's own forward pass.
The file is parsed here by hand (8-byte header length, JSON header, raw little-endian data), so no
safetensors package is needed.

With --export OUT it also writes the PyTorch model's state_dict to OUT the way
safetensors.torch.save_file does (keys sorted, header padded to 8 bytes), after perturbing the weights
so that the file differs from its input, and prints that model's results too: load OUT in PathNorm
and compare.

Usage: /usr/bin/python3 src/jmh/torch_interop_check.py runs/x/model.safetensors [--export OUT] [digits.csv.gz]"""
import gzip, json, struct, sys

import torch

args = sys.argv[1:]
export = None
if "--export" in args:
    i = args.index("--export")
    export = args[i + 1]
    del args[i:i + 2]
path = args[0]
digits = args[1] if len(args) > 1 else "src/main/resources/org/pathnorm/data/digits.csv.gz"
with open(path, "rb") as f:
    (n,) = struct.unpack("<Q", f.read(8))
    header = json.loads(f.read(n))
    data = f.read()
meta = header.pop("__metadata__", {})
state = {}
for name, t in header.items():
    assert t["dtype"] == "F32", t
    b, e = t["data_offsets"]
    state[name] = torch.frombuffer(bytearray(data[b:e]), dtype=torch.float32).reshape(t["shape"])
widths = [int(w) for w in meta["pathnorm.architecture"].split("-")]
layers = []
for i in range(len(widths) - 1):
    layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
    if i < len(widths) - 2:
        layers.append(torch.nn.ReLU())
model = torch.nn.Sequential(*layers)
model.load_state_dict(state, strict=True)
rows = [[float(v) for v in line.split(",")] for line in gzip.open(digits, "rt") if line.strip()]
x = torch.tensor([r[:64] for r in rows]) / 16
y = torch.tensor([int(r[64]) for r in rows])
def report(m):
    with torch.no_grad():
        out = m(x)
    print(json.dumps({"accuracy": (out.argmax(1) == y).float().mean().item(),
                      "logits_first3": [[round(v, 5) for v in row] for row in out[:3].tolist()]}))


report(model)
if export:
    torch.manual_seed(0)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.05 * torch.randn_like(p))
    sd = model.state_dict()
    header, offset, blobs = {}, 0, []
    for name in sorted(sd):
        t = sd[name].contiguous()
        raw = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(export, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
    report(model)
