#!/bin/sh
# dis_last.py: the twenty-third session's dis.py taking the last C2 compile of the method instead of the first
# (usage as dis.py: python3 dis_last.py print.txt kernelPacked8 > k.s; then loop.py k.s)
here=$(dirname "$0")
sed 's/^for b in blocks:/for b in reversed(blocks):/' "$here/../../s23-2026-12-05/harness/dis.py" > "$here/dis_last.py"
