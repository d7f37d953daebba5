"""PyTorch side of src/jmh/rnn/rnn-vs-pytorch.sh: nn.RNN(relu, batch_first) + nn.Linear on the addition
problem, MSE, clip_grad_norm_(1), SGD momentum 0.9, 1 thread; prints sequences/s as one JSON line.
Usage: OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 torch_rnn_bench.py T H BATCH SECONDS"""
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import json, sys, time
import torch

T, H, B, SECONDS = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
torch.set_num_threads(1)
torch.manual_seed(1)
x = torch.rand(8 * B, T, 2)
x[:, :, 1] = 0
for i in range(8 * B):
    x[i, torch.randint(0, T // 2, (1,)), 1] = 1
    x[i, T // 2 + torch.randint(0, T - T // 2, (1,)), 1] = 1
y = (x[:, :, 0] * x[:, :, 1]).sum(1, keepdim=True)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.RNN(2, H, nonlinearity="relu", batch_first=True)
        self.fc = torch.nn.Linear(H, 1)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[:, -1, :])


net = Net()
opt = torch.optim.SGD(net.parameters(), lr=1e-6, momentum=0.9)
loss_fn = torch.nn.MSELoss()


def step(k):
    xb, yb = x[B * (k % 8):B * (k % 8 + 1)], y[B * (k % 8):B * (k % 8 + 1)]
    opt.zero_grad()
    loss = loss_fn(net(xb), yb)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
    opt.step()


end = time.perf_counter() + SECONDS / 3
k = 0
while time.perf_counter() < end:
    step(k)
    k += 1
start = time.perf_counter()
end = start + SECONDS * 2 / 3
n = 0
while time.perf_counter() < end:
    step(n)
    n += 1
el = time.perf_counter() - start
print(json.dumps({"impl": "pytorch", "method": "sgd", "T": T, "H": H, "batch": B, "steps": n, "seq_per_s": round(n * B / el, 1)}))
