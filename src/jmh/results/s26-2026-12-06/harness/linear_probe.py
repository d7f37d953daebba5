import os,sys,time
os.environ["OPENBLAS_NUM_THREADS"]="1"; os.environ["OMP_NUM_THREADS"]="1"
import torch
torch.set_num_threads(1)
for (m,k,n,rows) in [(256,784,256,256),(1000,784,256,1000),(1000,784,256,60000),(1024,1024,1024,1024)]:
    x=torch.rand(rows,k); w=torch.rand(n,k); b=torch.rand(n)
    for rep in range(3):
        t=time.perf_counter(); it=0
        while time.perf_counter()-t<1.0:
            for i in range(0,rows,m): torch.nn.functional.linear(x[i:i+m],w,b)
            it+=1
        dt=(time.perf_counter()-t)/it
        print(m,k,n,rows,"%.1f GF/s"%(2.0*rows*k*n/dt/1e9))
