import re,sys
# find the innermost loop containing FMAs: a backward jump whose target precedes the first fma and lies after ...
lines=[l for l in open(sys.argv[1]) if re.match(r'\s+[0-9a-f]+:\t',l)]
ins=[]
for l in lines:
    p=l.split('\t')
    if len(p)<3: continue
    addr=int(p[0].strip().rstrip(':'),16); txt=p[2].strip()
    ins.append((addr,txt))
fm=[i for i,(a,t) in enumerate(ins) if t.startswith('vfmadd')]
f0=fm[0]; f1=fm[-1]
best=None
for i,(a,t) in enumerate(ins):
    m=re.match(r'j\w+\s+0x([0-9a-f]+)',t)
    if m and i>f1:
        tgt=int(m.group(1),16)
        if tgt<=ins[f0][0]:
            j=[k for k,(aa,tt) in enumerate(ins) if aa==tgt]
            if j: best=(j[0],i); break
s,e=best
for a,t in ins[s:e+1]: print(hex(a),t)
print("instructions in loop:",e-s+1)
