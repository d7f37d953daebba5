import re,sys
f,meth=sys.argv[1],sys.argv[2]
s=open(f,errors='replace').read()
for m in re.finditer(r"<task [^>]*method='([^']*)'[^>]*>", s):
    if meth in m.group(1) and "level='4'" not in m.group(0) and 'level=' in m.group(0): continue
    if meth in m.group(1):
        end=s.find('</task>',m.end())
        body=s[m.start():end]
        print(m.group(0)[:300])
        open(sys.argv[3],'w').write(body)
        break
