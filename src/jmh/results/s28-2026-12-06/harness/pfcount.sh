# usage: pfcount.sh "<java opts>" [env...]
opts="$1"; shift
rm -rf /tmp/rr
perf record -q -e page-faults -c 1 -d -o /tmp/pf.data -- env "$@" PATHNORM_JAVA_OPTS="$opts -Xlog:pagesize*=info:file=/tmp/ps.log -Xlog:gc:file=/tmp/gc.log" ./pathnorm train --data fashion-mnist --arch 784-256-10 --optimizer sgd --lr 0.01 --momentum 0.9 --batch 64 --epochs ${EPOCHS:-10} --threads ${T:-1} --quiet --out /tmp/rr >/dev/null 2>&1
perf script -i /tmp/pf.data -F comm,tid,addr 2>/dev/null | awk '$1!="pathnorm" && $1!="bash" && $1!="env"' > /tmp/pf.txt
python3 - <<'PY'
import re,collections
regions=[]
for line in open('/tmp/ps.log'):
    m=re.search(r"\] (.*?):.*base=0x([0-9a-f]+) size=(\d+)M",line)
    if m: regions.append((m.group(1).strip(),int(m.group(2),16),int(m.group(3))<<20))
cnt=collections.Counter(); pages=collections.defaultdict(set)
for line in open('/tmp/pf.txt'):
    p=line.split()
    if len(p)<3: continue
    a=int(p[-1],16)
    name='other'
    for n,b,s in regions:
        if b<=a<b+s: name=n;break
    cnt[name]+=1; pages[name].add(a>>21)
print(" ".join(f"{n.split()[0]}:{c}/{len(pages[n])}" for n,c in cnt.most_common()))
PY
grep -c Pause /tmp/gc.log; tail -2 /tmp/gc.log
