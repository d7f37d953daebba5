import re,sys
log=open(sys.argv[1],errors='ignore').read()
res=[]
for m in re.finditer(r"<task (compile_id='(\d+)'[^>]*?)>(.*?)<task_done[^>]*?stamp='([\d.]+)'", log, re.S):
    attrs=m.group(1)
    meth=re.search(r"method='([^']*)'",attrs).group(1)
    st=float(re.search(r"stamp='([\d.]+)'",attrs).group(1)); end=float(m.group(4))
    lvl=re.search(r"level='(\d)'",attrs); lvl=lvl.group(1) if lvl else '4'
    res.append((end-st, st, lvl, 'osr_bci' in attrs, meth))
c2=[r for r in res if r[2]=='4']
print("C2 tasks", len(c2), "sum", round(sum(r[0] for r in c2),3), "OSR", sum(r[3] for r in c2), round(sum(r[0] for r in c2 if r[3]),3))
for r in sorted(c2, reverse=True)[:int(sys.argv[2]) if len(sys.argv)>2 else 8]: print("%.3f start %.3f %s %s" % (r[0], r[1], 'OSR' if r[3] else '   ', r[4][:100]))
print("uncommon traps:", len(re.findall(r"<uncommon_trap thread", log)))
for m in re.finditer(r"<uncommon_trap thread='\d+' reason='(\w+)' action='(\w+)'[^>]*?compile_id='(\d+)'[^>]*?stamp='([\d.]+)'", log): pass
