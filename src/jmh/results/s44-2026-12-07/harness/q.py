import re,sys
txt=open(sys.argv[1]).read()
q={}
for m in re.finditer(r"<task_queued ([^>]*)/>", txt):
    a=m.group(1); cid=re.search(r"compile_id='(\d+)'",a).group(1)
    q[cid]=(float(re.search(r"stamp='([\d.]+)'",a).group(1)), re.search(r"method='([^']*)'",a).group(1), re.search(r"level='(\d)'",a).group(1) if "level=" in a else '?', 'osr' if 'osr_bci' in a else '')
rows=[]
for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done ([^>]*)/>", txt, re.S):
    a=m.group(1); d=m.group(3)
    cid=re.search(r"compile_id='(\d+)'",a).group(1)
    st=float(re.search(r"stamp='([\d.]+)'",a).group(1)); en=float(re.search(r"stamp='([\d.]+)'",d).group(1))
    if cid in q: rows.append((q[cid][0],st,en,q[cid][2],q[cid][1],q[cid][3]))
rows.sort()
lo=float(sys.argv[2]); hi=float(sys.argv[3])
for r in rows:
    if lo<=r[0]<=hi and (r[3]=='4' or 'pathnorm.simd' in r[4]): print(f"q{r[0]:7.3f} s{r[1]:7.3f} e{r[2]:7.3f} L{r[3]} {r[4]} {r[5]}")
