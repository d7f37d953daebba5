import re,sys
# task elements in compiler thread logs: <task compile_id='..' method='..' ... level='4' stamp='..'> ... <task_done ... stamp='..'/>
txt=open(sys.argv[1]).read()
out=[]
for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done ([^>]*)/>", txt, re.S):
    a=m.group(1); d=m.group(3)
    lv=re.search(r"level='(\d)'",a); lv=lv.group(1) if lv else '4'
    st=float(re.search(r"stamp='([\d.]+)'",a).group(1)); en=float(re.search(r"stamp='([\d.]+)'",d).group(1))
    meth=re.search(r"method='([^']*)'",a).group(1)
    osr=' osr' if "osr_bci" in a else ''
    sz=re.search(r"nmsize='(\d+)'",d); sz=sz.group(1) if sz else '-'
    out.append((st,en,lv,meth+osr,sz))
out.sort()
tot={}
for st,en,lv,meth,sz in out:
    tot[lv]=tot.get(lv,0)+en-st
    if lv=='4' and (en-st>0.01 or 'pathnorm' in meth): print(f"{st:7.3f} {en:7.3f} {en-st:6.3f} L{lv} {sz:>6} {meth}")
print(tot)
