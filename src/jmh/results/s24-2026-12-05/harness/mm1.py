import os, sys
t=sys.argv[1]; os.environ["OPENBLAS_NUM_THREADS"]=t; os.environ["OMP_NUM_THREADS"]=t
import torch, time
torch.set_num_threads(int(t)); m,n,k=int(sys.argv[2]),int(sys.argv[3]),int(sys.argv[4])
a=torch.randn(m,k); b=torch.randn(k,n); c=torch.empty(m,n)
for _ in range(3): torch.matmul(a,b,out=c)
rs=[]
for r in range(5):
    t0=time.perf_counter(); it=0
    while time.perf_counter()-t0<0.3: torch.matmul(a,b,out=c); it+=1
    rs.append(2*m*n*k*it/(time.perf_counter()-t0)/1e9)
rs.sort(); print("%.1f"%rs[2])
