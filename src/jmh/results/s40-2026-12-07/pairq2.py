import gzip, numpy as np
x=np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz').read()[16:],dtype=np.uint8).reshape(-1,784)
nz=(x!=0); n=len(nz)
def unions(m, pairs):
    return np.mean([ (m[i]|m[j]).mean() for i,j in pairs])
def by_count(m):
    c=m.sum(1); o=np.argsort(c,kind='stable'); return [(o[2*t],o[2*t+1]) for t in range(len(o)//2)]
def row_greedy(m):
    mi=m.astype(np.int32); inter=mi@mi.T; c=mi.sum(1); used=np.zeros(len(m),bool); out=[]
    for i in np.argsort(-c,kind='stable'):
        if used[i]: continue
        v=inter[i].astype(np.int64).copy(); v[used]=-1; v[i]=-1; j=int(np.argmax(v)); used[i]=used[j]=True; out.append((i,j))
    return out
def glob_greedy(m):
    mi=m.astype(np.int32); inter=mi@mi.T; iu=np.triu_indices(len(m),1); order=np.argsort(-inter[iu],kind='stable'); used=np.zeros(len(m),bool); out=[]
    for t in order:
        i=iu[0][t]; j=iu[1][t]
        if used[i] or used[j]: continue
        used[i]=used[j]=True; out.append((i,j))
    return out
rng=np.random.default_rng(0); perm=rng.permutation(n)
# forward: batches of 64 rows
for name,f in [('count',by_count),('rowgreedy',row_greedy),('globgreedy',glob_greedy)]:
    d=np.mean([unions(nz[perm[b*64:(b+1)*64]], f(nz[perm[b*64:(b+1)*64]])) for b in range(50)])
    print('forward batch64', name, round(d,4))
# eval chunk 256 rowgreedy
d=np.mean([unions(nz[b*256:(b+1)*256], row_greedy(nz[b*256:(b+1)*256])) for b in range(20)])
print('eval chunk256 rowgreedy', round(d,4))
# dW: pixel pairing fixed from first batch vs from a 4096-sample co-occurrence; evaluated on 50 later batches
def dw_eval(pairs):
    return np.mean([unions(nz[perm[b*64:(b+1)*64]].T, pairs) for b in range(100,150)])
xt0=nz[perm[0:64]].T
print('dW count-first-batch', round(dw_eval(by_count(xt0)),4))
print('dW rowgreedy-first-batch', round(dw_eval(row_greedy(xt0)),4))
big=nz[perm[0:4096]].T
print('dW rowgreedy-4096', round(dw_eval(row_greedy(big)),4))
print('dW globgreedy-4096', round(dw_eval(glob_greedy(big)),4))
