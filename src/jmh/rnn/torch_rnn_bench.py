"""PyTorch side of src/jmh/rnn/rnn-vs-pytorch.sh: nn.RNN(relu, batch_first) + nn.Linear, clip_grad_norm_(1),
SGD momentum 0.9, 1 thread; prints sequences/s (wall clock and process CPU time) as one JSON line. TASK as in RnnStepTiming.java:
addition (D=2, MSE at the last step), seq (D=1, 10 classes, cross-entropy at the last step, random pixels),
lm (one-hot over 50 symbols, cross-entropy at every step, random symbols).
Usage: OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 torch_rnn_bench.py TASK T H BATCH SECONDS"""
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import json, sys, time
import torch

TASK, T, H, B, SECONDS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
V = 50
torch.set_num_threads(1)
torch.manual_seed(1)
N = 8 * B
if TASK == "addition":
    D, OUT = 2, 1
    x = torch.rand(N, T, 2)
    x[:, :, 1] = 0
    for i in range(N):
        x[i, torch.randint(0, T // 2, (1,)), 1] = 1
        x[i, T // 2 + torch.randint(0, T - T // 2, (1,)), 1] = 1
    y = (x[:, :, 0] * x[:, :, 1]).sum(1, keepdim=True)
    loss_fn = torch.nn.MSELoss()
elif TASK == "seq":
    D, OUT = 1, 10
    x = torch.rand(N, T, 1)
    y = torch.randint(0, 10, (N,))
    loss_fn = torch.nn.CrossEntropyLoss()
elif TASK == "lm":
    D, OUT = V, V
    x = torch.nn.functional.one_hot(torch.randint(0, V, (N, T)), V).float()
    y = torch.randint(0, V, (N, T))
    loss_fn = torch.nn.CrossEntropyLoss()
else:
    sys.exit("TASK: expected addition, seq or lm, got " + TASK)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.RNN(D, H, nonlinearity="relu", batch_first=True)
        self.fc = torch.nn.Linear(H, OUT)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out) if TASK == "lm" else self.fc(out[:, -1, :])


net = Net()
opt = torch.optim.SGD(net.parameters(), lr=1e-6, momentum=0.9)


def step(k):
    xb, yb = x[B * (k % 8):B * (k % 8 + 1)], y[B * (k % 8):B * (k % 8 + 1)]
    opt.zero_grad()
    out = net(xb)
    loss = loss_fn(out.reshape(-1, V), yb.reshape(-1)) if TASK == "lm" else loss_fn(out, yb)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
    opt.step()


end = time.perf_counter() + SECONDS / 3
k = 0
while time.perf_counter() < end:
    step(k)
    k += 1
start = time.perf_counter()
cpu = time.process_time()
end = start + SECONDS * 2 / 3
n = 0
while time.perf_counter() < end:
    step(n)
    n += 1
el = time.perf_counter() - start
cpu_el = time.process_time() - cpu
print(json.dumps({"impl": "pytorch", "task": TASK, "method": "sgd", "T": T, "H": H, "batch": B, "steps": n,
                  "seq_per_s": round(n * B / el, 1), "cpu_seq_per_s": round(n * B / cpu_el, 1)}))
