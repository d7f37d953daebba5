import re, sys, subprocess
txt = open(sys.argv[1]).read().split('\n')
start = int(sys.argv[2])  # line number of "Compiled method (c2)"
buf = bytearray(); base = None
for line in txt[start:]:
    if line.startswith('Compiled method') and base is not None: break
    if '[Stub Code]' in line or '[Exception Handler]' in line: break
    m = re.match(r'\s+0x([0-9a-f]+): ((?:[0-9a-f]{2,8}\s?\|?\s?)+)$', line)
    if m:
        addr = int(m.group(1), 16)
        if base is None: base = addr
        hexs = re.sub(r'[\s|]', '', m.group(2))
        # fill gap
        cur = base + len(buf)
        if addr > cur: buf += b'\x90' * (addr - cur)
        elif addr < cur: buf = buf[:addr - base]
        buf += bytes.fromhex(hexs)
open('/tmp/code.bin', 'wb').write(buf)
print(subprocess.run(['objdump', '-D', '-b', 'binary', '-m', 'i386:x86-64', '--adjust-vma=' + hex(base), '/tmp/code.bin'], capture_output=True, text=True).stdout)
