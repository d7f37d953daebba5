"""PyTorch side of PyTorchRoundTripTest (run by the Java test with Debian's python3-torch).

Arguments: a directory holding, from the Java side,
  modules.txt        the nn.Sequential modules, one Python expression a line (ConvNetSpec.pytorchModules)
  meta.json          {"input": [C, H, W], "batch": n, "seed": s}
  java.safetensors   the Java model, written by io.ModelFiles
  x.bin              n inputs, float32 little-endian, NCHW
  java_logits.bin    the Java model's outputs on them (evaluation mode)

1. Java -> PyTorch: loads java.safetensors into the nn.Sequential with strict=True (read by hand:
   the safetensors package is not in Debian) and compares the logits.
2. PyTorch -> Java: trains a fresh nn.Sequential for three SGD steps in training mode (so batch-norm
   running statistics and num_batches_tracked move), then writes torch.safetensors (PyTorch's dtypes:
   int64 0-d num_batches_tracked) and torch_logits.bin in evaluation mode for the Java side to compare.
Exit status 1 with a message if the logits differ.
"""
import json
import os
import struct
import sys

import torch
import torch.nn as nn

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    base = 8 + n
    out = {}
    for name, v in header.items():
        if name == "__metadata__":
            continue
        begin, end = v["data_offsets"]
        t = torch.frombuffer(bytearray(data[base + begin:base + end]), dtype=DTYPES[v["dtype"]])
        out[name] = t.reshape(v["shape"])
    return out


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        dtype = "I64" if t.dtype == torch.int64 else "F32"
        raw = (t if dtype == "I64" else t.float()).numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def floats(path, shape):
    with open(path, "rb") as f:
        return torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(shape)


def main():
    d = sys.argv[1]
    torch.set_num_threads(1)
    with open(os.path.join(d, "modules.txt")) as f:
        modules = [line for line in f.read().splitlines() if line]
    with open(os.path.join(d, "meta.json")) as f:
        meta = json.load(f)
    c, h, w = meta["input"]
    n = meta["batch"]

    def build():
        return nn.Sequential(*[eval(m, {"nn": nn}) for m in modules])

    model = build()
    model.load_state_dict(read_safetensors(os.path.join(d, "java.safetensors")), strict=True)
    model.eval()
    x = floats(os.path.join(d, "x.bin"), (n, c, h, w))
    with torch.no_grad():
        logits = model(x)
    java = floats(os.path.join(d, "java_logits.bin"), tuple(logits.shape))
    diff = (logits - java).abs().max().item()
    scale = max(1.0, java.abs().max().item())
    if not diff <= 1e-4 * scale:
        print(f"Java -> PyTorch: logits differ by {diff} (scale {scale})")
        sys.exit(1)
    print(f"Java -> PyTorch: max |difference| {diff:.3g} (scale {scale:.3g})")

    torch.manual_seed(meta["seed"])
    fresh = build()
    opt = torch.optim.SGD(fresh.parameters(), lr=0.05, momentum=0.9)
    fresh.train()
    classes = logits.shape[1]
    for _ in range(3):
        xb = torch.randn(8, c, h, w)
        yb = torch.randint(0, classes, (8,))
        opt.zero_grad()
        nn.functional.cross_entropy(fresh(xb), yb).backward()
        opt.step()
    fresh.eval()
    with torch.no_grad():
        out = fresh(x)
    write_safetensors(os.path.join(d, "torch.safetensors"), fresh.state_dict())
    with open(os.path.join(d, "torch_logits.bin"), "wb") as f:
        f.write(out.contiguous().numpy().astype("<f4").tobytes())
    print("PyTorch -> Java: written")


if __name__ == "__main__":
    main()
