import gzip, numpy as np
with gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz') as f:
    x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
z = (x == 0)
print("zero frac", z.mean())
rng = np.random.default_rng(0)
perm = rng.permutation(len(x))[:64*200]
zb = z[perm].reshape(-1, 8, 784)   # tiles of 8 samples
print("fwd tile-8 all-zero k frac", zb.all(axis=1).mean())
for R in (4,6):
    zr = z[perm][: (len(perm)//R)*R].reshape(-1, R, 784)
    print(R, "fwd all-zero", zr.all(axis=1).mean())
zp = z.reshape(-1, 98, 8).all(axis=2)
print("dW tile-8 pixels all-zero frac", zp.mean())
# per-batch all-64 zero pixel frac
print("batch-64 all-zero pixel frac", z[perm].reshape(-1,64,784).all(axis=1).mean())
yb = None
import numpy as np
zz = z[perm].reshape(-1,64,784)
tot=0; tot2=0
for b in zz:
    order = np.argsort(b.sum(axis=1))
    bs = b[order].reshape(8,8,784)
    tot += bs.all(axis=1).mean()
    # greedy: order by first principal direction of mask
    m = b.astype(np.float32); m -= m.mean(0)
    u,s,vt = np.linalg.svd(m, full_matrices=False)
    o2 = np.argsort(u[:,0])
    tot2 += b[o2].reshape(8,8,784).all(axis=1).mean()
print("sorted by count", tot/len(zz), "sorted by pc1", tot2/len(zz))
import gzip, numpy as np
with gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz') as f:
    x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
z = (x == 0)
for w in (16,32):
    n = 784//w*w
    print(w, "pixel-block all-zero frac", z[:, :n].reshape(len(z), -1, w).all(axis=2).mean())
