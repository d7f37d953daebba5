import os
os.environ['OMP_NUM_THREADS']='2'
import gzip, numpy as np, torch
x = np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz').read()[16:], dtype=np.uint8).reshape(-1, 784).astype(np.float32)/255
y = np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz').read()[8:], dtype=np.uint8).astype(np.int64)
X=torch.tensor(x); Y=torch.tensor(y)
torch.manual_seed(0)
net=torch.nn.Sequential(torch.nn.Linear(784,256),torch.nn.ReLU(),torch.nn.Linear(256,10))
opt=torch.optim.SGD(net.parameters(),lr=0.01,momentum=0.9)
def stats():
    perm=torch.randperm(60000)
    d1=[];d2=[];z=[]
    for i in range(100):
        idx=perm[i*64:(i+1)*64]
        h=(X[idx]@net[0].weight.T+net[0].bias)>0   # 64x256 active
        a=h.numpy()
        z.append(a.mean())
        # dW: neurons (256 rows over 64 samples) sorted, pairs
        t=a.T; ts=t[np.argsort(t.sum(1))]; d1.append(ts.reshape(128,2,64).any(1).mean())
        # dX: samples (64 rows over 256 neurons) sorted, pairs
        s=a[np.argsort(a.sum(1))]; d2.append(s.reshape(32,2,256).any(1).mean())
    return np.mean(z),np.mean(d1),np.mean(d2)
print('init active %.3f dW-pair %.3f dX-pair %.3f'%stats())
for ep in range(3):
    perm=torch.randperm(60000)
    for i in range(937):
        idx=perm[i*64:(i+1)*64]
        opt.zero_grad(); loss=torch.nn.functional.cross_entropy(net(X[idx]),Y[idx]); loss.backward(); opt.step()
        if ep==0 and i in (50,200): print('step',i,'active %.3f dW-pair %.3f dX-pair %.3f'%stats())
    print('epoch',ep+1,'active %.3f dW-pair %.3f dX-pair %.3f'%stats())
