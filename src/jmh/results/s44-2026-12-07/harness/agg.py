import re,sys,collections
txt=open(sys.argv[1]).read()
agg=collections.defaultdict(lambda:[0,0.0]); 
for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done ([^>]*)/>", txt, re.S):
    a=m.group(1); d=m.group(3)
    lv=re.search(r"level='(\d)'",a); lv=lv.group(1) if lv else '4'
    st=float(re.search(r"stamp='([\d.]+)'",a).group(1)); en=float(re.search(r"stamp='([\d.]+)'",d).group(1))
    meth=re.search(r"method='([^']*)'",a).group(1)
    pkg='.'.join(meth.split()[0].split('.')[:3])
    if 'pathnorm' in meth: pkg='.'.join(meth.split()[0].split('.')[:3])+'.'+meth.split()[0].split('.')[-1]
    k=(lv,pkg); agg[k][0]+=1; agg[k][1]+=en-st
for k,v in sorted(agg.items(), key=lambda x:-x[1][1])[:40]: print(f"L{k[0]} {v[0]:4d} {v[1]:6.3f} {k[1]}")
