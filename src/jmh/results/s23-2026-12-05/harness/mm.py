import os, sys
os.environ.setdefault("OPENBLAS_NUM_THREADS", sys.argv[1]); os.environ.setdefault("OMP_NUM_THREADS", sys.argv[1])
import torch, time
torch.set_num_threads(int(sys.argv[1]))
for (m,n,k) in [(1024,1024,1024),(64,4000,4000),(256,4000,4000),(2048,2048,2048)]:
    a=torch.randn(m,k); b=torch.randn(k,n); c=torch.empty(m,n)
    for _ in range(3): torch.matmul(a,b,out=c)
    rs=[]
    for r in range(5):
        t=time.perf_counter(); it=0
        while time.perf_counter()-t<0.3: torch.matmul(a,b,out=c); it+=1
        rs.append(2*m*n*k*it/(time.perf_counter()-t)/1e9)
    rs.sort(); print(m,n,k, "%.1f GFLOP/s (%.1f-%.1f)"%(rs[2],rs[0],rs[-1]))
