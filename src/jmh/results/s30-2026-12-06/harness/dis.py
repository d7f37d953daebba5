import re,sys,subprocess
txt=open(sys.argv[1]).read()
secs=txt.split('============================= ')
c2=[s for s in secs if s.startswith('C2-compiled')]
s=c2[-1]
code=s.split('[MachCode]')[1].split('[/MachCode]')[0]
start=None; data=bytearray()
for line in code.splitlines():
    m=re.match(r'\s*0x([0-9a-f]+): ((?:[0-9a-f]{4}\s?\|?\s?)+)\s*$',line)
    if m and not ';' in line:
        addr=int(m.group(1),16)
        if start is None: start=addr
        if addr!=start+len(data): 
            if addr<start+len(data): continue
        hx=re.sub(r'[^0-9a-f]','',m.group(2))
        data+=bytes.fromhex(hx)
open('/tmp/hs/code.bin','wb').write(data)
print(hex(start),len(data))
out=subprocess.run(['objdump','-D','-b','binary','-mi386:x86-64','-Mintel','--adjust-vma='+hex(start),'/tmp/hs/code.bin'],capture_output=True,text=True).stdout
open('/tmp/hs/code.dis','w').write(out)
