import re,sys,subprocess
lines=open(sys.argv[1]).read().split('\n')
want=sys.argv[2]
i=0; out=None
blocks=[]
cur=None
for l in lines:
    if l.startswith('Compiled method'):
        cur={'hdr':l,'bytes':bytearray(),'start':None,'on':False}; blocks.append(cur); continue
    if cur is None: continue
    if '[Verified Entry Point]' in l or '[Entry Point]' in l: cur['on']=True
    if l.startswith('[Stub Code]') or l.startswith('[Exception Handler]'): cur['on']=False
    m=re.match(r'\s+0x([0-9a-f]+): ((?:[0-9a-f ]+\|?)+)$',l)
    if m and cur['on']:
        if cur['start'] is None: cur['start']=int(m.group(1),16)
        hx=m.group(2).replace('|','').replace(' ','')
        cur['bytes']+=bytes.fromhex(hx)
for b in blocks:
    if '(c2)' in b['hdr'] and want in b['hdr'] and b['bytes']:
        open('/tmp/code.bin','wb').write(b['bytes'])
        print(b['hdr'])
        print(subprocess.run(['objdump','-D','-b','binary','-mi386:x86-64','--adjust-vma=%d'%b['start'],'/tmp/code.bin'],capture_output=True,text=True).stdout)
        break
