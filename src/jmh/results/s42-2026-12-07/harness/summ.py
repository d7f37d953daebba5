import sys, statistics as st, collections
D=collections.defaultdict(lambda: collections.defaultdict(list))
for l in open(sys.argv[1]):
    f=l.split()
    if not f or not f[0].startswith('C'): continue
    d=dict(zip(f[1::2],f[2::2]))
    for k,v in d.items():
        try: D[f[0]][k].append(float(v))
        except: pass
keys=sys.argv[2].split(',')
for c in sorted(D):
    print(c, ' '.join('%s %.3f'%(k, st.median(D[c][k])) for k in keys if k in D[c]), ' n=%d'%len(D[c]['total']))
