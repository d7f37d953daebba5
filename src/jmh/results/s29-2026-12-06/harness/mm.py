import os,sys,time
os.environ["OMP_NUM_THREADS"]="1"; os.environ["OPENBLAS_NUM_THREADS"]="1"
import torch
torch.set_num_threads(1)
def t(m,n,k,ta=False,tb=False):
    a=torch.randn(k,m).t() if ta else torch.randn(m,k)
    b=torch.randn(n,k).t() if tb else torch.randn(k,n)
    c=torch.empty(m,n)
    for _ in range(50): torch.mm(a,b,out=c)
    best=[]
    for r in range(5):
        it=0; s=time.perf_counter()
        while time.perf_counter()-s<0.3:
            torch.mm(a,b,out=c); it+=1
        best.append(2*m*n*k*it/(time.perf_counter()-s)/1e9)
    best.sort(); print(m,n,k,ta,tb,"%.1f"%best[2])
t(256,784,64,ta=True); t(256,784,64); t(64,256,784,tb=True); t(256,64,784); t(1024,1024,1024)
