# Share of K that the unions of rows taken 2 or 4 at a time hold, Fashion-MNIST's first 40 chunks of 256 rows:
# consecutive rows, rows sorted by their count of nonzeros, greedy grouping by fewest new nonzeros.
import gzip, numpy as np
x = np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz').read()[16:], dtype=np.uint8).reshape(-1, 784)[:256 * 40]
ch = (x != 0).reshape(-1, 256, 784)
def u(c, R): return c.reshape(-1, R, 784).any(axis=1).mean()
for R in (2, 4):
    a = b = g = 0
    for c in ch:
        a += u(c, R)
        b += u(c[np.argsort(c.sum(1))], R)
        used = np.zeros(256, bool); groups = []
        for i in np.argsort(-c.sum(1)):
            if used[i]: continue
            used[i] = True; grp = [i]
            for _ in range(R - 1):
                cand = np.where(~used)[0]
                un = c[grp].any(0)
                j = cand[np.argmin((c[cand] & ~un).sum(1))]; used[j] = True; grp.append(j)
            groups.append(grp)
        g += np.mean([c[gr].any(0).mean() for gr in groups])
    print(R, 'consecutive', a / len(ch), 'sorted', b / len(ch), 'greedy', g / len(ch))
