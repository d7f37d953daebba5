import numpy as np, gzip, time
with gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz') as f: X=np.frombuffer(f.read(),np.uint8,offset=16).reshape(-1,784)
with gzip.open('/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz') as f: Y=np.frombuffer(f.read(),np.uint8,offset=8)
M=X>0
N=8192
rng=np.random.default_rng(0)
idx=rng.permutation(len(M))[:N]
def greedy(rows, W):
    # rows: index array; greedy in decreasing count, partner among next W unpaired by count, max shared
    B=M[rows]; cnt=B.sum(1); order=np.argsort(-cnt, kind='stable'); B=B[order].astype(np.float32)
    unpaired=list(range(len(order))); tot=0; npairs=0
    alive=np.ones(len(order),bool)
    i=0
    while i < len(order):
        if not alive[i]: i+=1; continue
        alive[i]=False
        cand=np.nonzero(alive[i+1:])[0][:W]+i+1
        if len(cand)==0: tot+=B[i].sum(); npairs+=1; break
        shared=B[cand]@B[i]
        j=cand[np.argmax(shared)]; alive[j]=False
        tot+=B[i].sum()+B[j].sum()-shared.max(); npairs+=1
        i+=1
    return tot/npairs/784
t=time.time()
# chunks of 256 in data order (what eval does, SIMILAR within chunk)
u=[greedy(idx[c:c+256],255) for c in range(0,2048,256)]; print('chunk256 W255', np.mean(u))
u=[greedy(idx[c:c+1024],1023) for c in range(0,2048,1024)]; print('chunk1024 W1023', np.mean(u))
u=[greedy(idx[c:c+4096],1023) for c in range(0,4096,4096)]; print('chunk4096 W1023', np.mean(u))
# class-grouped: rows of one class, chunk 256
byc=[]
for c in range(10):
    r=idx[Y[idx]==c][:256]; byc.append(greedy(r,255))
print('class-chunk256', np.mean(byc), np.round(byc,3))
print(time.time()-t)
