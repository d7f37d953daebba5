import gzip, numpy as np
x=np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz').read()[16:],dtype=np.uint8).reshape(-1,784)
nz=(x!=0); n=len(nz)
rng=np.random.default_rng(0); perm=rng.permutation(n)
def unions(m, pairs): return np.mean([ (m[i]|m[j]).mean() if j>=0 else m[i].mean() for i,j in pairs])
def similar(m, window):
    mi=m.astype(np.int32); inter=mi@mi.T; c=mi.sum(1)
    order=sorted(range(len(m)), key=lambda i:(c[i],i))  # ascending (count,row)
    taken=np.zeros(len(m),bool); out=[]
    for t in range(len(order)-1,-1,-1):
        i=order[t]
        if taken[i]: continue
        taken[i]=True; best=-1; bs=-1; cand=0
        for s in range(t-1,-1,-1):
            j=order[s]
            if c[j] <= bs or cand>=window: break
            if taken[j]: continue
            cand+=1
            if inter[i,j]>bs: bs=inter[i,j]; best=j
        if best>=0: taken[best]=True
        out.append((i,best))
    return out
xt0=nz[perm[0:64]].T
later=lambda pairs: np.mean([unions(nz[perm[b*64:(b+1)*64]].T, pairs) for b in range(100,150)])
print('dW similar full window', round(later(similar(xt0, 10**9)),4))
print('dW similar window 255', round(later(similar(xt0, 255)),4))
