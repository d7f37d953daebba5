import gzip, numpy as np
x=np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz').read()[16:],dtype=np.uint8).reshape(-1,784)
nz=(x!=0); n=len(nz); cnt=nz.sum(1)
def dens(order):
    o=np.asarray(order); a=nz[o[0::2]]; b=nz[o[1::2]]; return (a|b).mean()
print('consecutive', dens(np.arange(n)))
# within chunks of 256 by count
o=np.concatenate([c*256+np.argsort(cnt[c*256:(c+1)*256],kind='stable') for c in range(n//256)])
print('chunk256 by count', dens(o))
print('global by count', dens(np.argsort(cnt,kind='stable')))
# greedy within chunks of 256: pair each unpaired row with the unpaired row of least union
def greedy(ch):
    idx=list(range(len(ch))); m=nz[ch].astype(np.int32)
    inter=m@m.T; c=m.sum(1); uni=c[:,None]+c[None,:]-inter
    np.fill_diagonal(uni,10**6)
    used=np.zeros(len(ch),bool); out=[]
    for i in np.argsort(-c):  # largest first
        if used[i]: continue
        u=uni[i].copy(); u[used]=10**6; u[i]=10**6; j=int(np.argmin(u)); used[i]=used[j]=True; out+= [ch[i],ch[j]]
    return out
o=[]
for c in range(40):
    o+=greedy(np.arange(c*256,(c+1)*256))
print('greedy chunk256 (40 chunks)', dens(o))
o=[]
for c in range(10):
    o+=greedy(np.arange(c*1024,(c+1)*1024))
print('greedy chunk1024 (10 chunks)', dens(o))
def greedy2(ch):
    m=nz[ch].astype(np.int32); inter=m@m.T; c=m.sum(1)
    np.fill_diagonal(inter,-1); used=np.zeros(len(ch),bool); out=[]
    # global greedy: repeatedly take max intersection pair
    iu=np.triu_indices(len(ch),1); vals=inter[iu]; order=np.argsort(-vals,kind='stable')
    for t in order:
        i=iu[0][t]; j=iu[1][t]
        if used[i] or used[j]: continue
        used[i]=used[j]=True; out+=[ch[i],ch[j]]
    return out
o=[]
for c in range(40): o+=greedy2(np.arange(c*256,(c+1)*256))
print('greedy max-inter chunk256', dens(o))
o=[]
for c in range(10): o+=greedy2(np.arange(c*1024,(c+1)*1024))
print('greedy max-inter chunk1024', dens(o))
