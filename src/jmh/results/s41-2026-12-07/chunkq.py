import gzip, numpy as np
exec(open('/work/main/src/jmh/results/s40-2026-12-07/pairq3.py').read().split("xt0=")[0])
x=np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz').read()[16:],dtype=np.uint8).reshape(-1,784)
nz=(x!=0)
for chunk in (256, 512, 1024):
    ds=[]
    for c0 in range(0, 6*1024, chunk)[:max(2, 4096//chunk)]:
        m=nz[c0:c0+chunk]; ds.append(unions(m, similar(m, 255)))
    print(chunk, round(float(np.mean(ds)),4))
