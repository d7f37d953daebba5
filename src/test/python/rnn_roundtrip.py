"""PyTorch side of nn.RecurrentPyTorchTest: loads a PathNorm recurrent model into
nn.RNN(batch_first=True) + nn.Linear with strict=True, evaluates it, and writes a model made by PyTorch.

usage: rnn_roundtrip.py DIR D H LAYERS V NONLINEARITY READOUT(last|every)
reads DIR/pathnorm.safetensors and DIR/inputs.safetensors (tensor x [B, T, D]); writes
DIR/outputs.safetensors (y of the PathNorm model), DIR/torch.safetensors (a fresh PyTorch model) and
DIR/torch_outputs.safetensors (its y). Safetensors is read and written here with json + struct, since
Debian's python3-torch comes without the safetensors package.
"""
import json
import struct
import sys

import numpy as np
import torch
from torch import nn


def read(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        assert e["dtype"] == "F32", (name, e["dtype"])
        b, end = e["data_offsets"]
        arr = np.frombuffer(data[b:end], dtype="<f4").reshape(e["shape"])
        out[name] = torch.from_numpy(arr.copy())
    return out


def write(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        b = t.detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


class Model(nn.Module):
    def __init__(self, d, h, layers, v, nonlinearity, readout):
        super().__init__()
        self.rnn = nn.RNN(d, h, num_layers=layers, nonlinearity=nonlinearity, batch_first=True)
        self.fc = nn.Linear(h, v)
        self.readout = readout

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[:, -1]) if self.readout == "last" else self.fc(out)


def main():
    d, h, layers, v = (int(a) for a in sys.argv[2:6])
    nonlinearity, readout, folder = sys.argv[6], sys.argv[7], sys.argv[1]
    torch.set_num_threads(1)
    x = read(folder + "/inputs.safetensors")["x"]
    model = Model(d, h, layers, v, nonlinearity, readout)
    model.load_state_dict(read(folder + "/pathnorm.safetensors"), strict=True)
    with torch.no_grad():
        write(folder + "/outputs.safetensors", {"y": model(x)})
        torch.manual_seed(7)
        fresh = Model(d, h, layers, v, nonlinearity, readout)
        write(folder + "/torch.safetensors", fresh.state_dict())
        write(folder + "/torch_outputs.safetensors", {"y": fresh(x)})


if __name__ == "__main__":
    main()
