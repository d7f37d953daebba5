import os
os.environ["OPENBLAS_NUM_THREADS"]="1"; os.environ["OMP_NUM_THREADS"]="1"
import torch, time
torch.set_num_threads(1)
def bench(name, f, flops):
    for _ in range(3): f()
    rs=[]
    for r in range(5):
        t=time.perf_counter(); it=0
        while time.perf_counter()-t<0.3: f(); it+=1
        rs.append(flops*it/(time.perf_counter()-t)/1e9)
    rs.sort(); print(name, "%.1f"%rs[2])
X=torch.randn(256,784); H=torch.randn(256,4000); W1=torch.randn(4000,784); W2=torch.randn(4000,4000)
bench("256x4000x784 NT", lambda: X@W1.t(), 2*256*4000*784)
bench("256x4000x4000 NT", lambda: H@W2.t(), 2*256*4000*4000)
bench("256x4000x4000 NN", lambda: H@W2, 2*256*4000*4000)
bench("4000x4000x256 TN", lambda: H.t()@H, 2*256*4000*4000)
bench("4000x784x256 TN", lambda: H.t()@X, 2*256*4000*784)
