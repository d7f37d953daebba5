import os,sys,time
pid=sys.argv[1]; n=int(sys.argv[2]); dt=float(sys.argv[3])
def snap():
    r={}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            s=open(f"/proc/{pid}/task/{t}/stat").read()
        except: continue
        name=s[s.index('(')+1:s.rindex(')')]; f=s[s.rindex(')')+2:].split()
        r[t]=(name,int(f[11])+int(f[12]),int(f[36]))  # utime+stime, processor
    return r
prev=snap()
try:
  pass
except: pass
for i in range(n):
    time.sleep(dt)
    try: cur=snap()
    except FileNotFoundError: break
    out=[]
    for t,(name,cpu,proc) in cur.items():
        d=cpu-prev.get(t,(name,cpu,0))[1]
        if d>0: out.append(f"{name}[{t}]:{d}@cpu{proc}")
    print(" | ".join(out)); prev=cur
