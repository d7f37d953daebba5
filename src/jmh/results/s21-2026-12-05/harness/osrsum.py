import re,statistics,sys
a=[];b=[]
for l in open(sys.argv[1]):
    m=re.match(r'pair \d+: without wall/epoch1 ([\d.]+) ([\d.]+) \| with ([\d.]+) ([\d.]+)',l)
    if m: a.append((float(m[1]),float(m[2]))); b.append((float(m[3]),float(m[4])))
print(sys.argv[1], len(a), 'pairs: wall median without', round(statistics.median(x[0] for x in a),3), 'with', round(statistics.median(x[0] for x in b),3),
 '| epoch1 without', round(statistics.median(x[1] for x in a),3), 'with', round(statistics.median(x[1] for x in b),3),
 '| wall ratio without/with median', round(statistics.median(x[0]/y[0] for x,y in zip(a,b)),3), 'min', round(min(x[0]/y[0] for x,y in zip(a,b)),3), 'max', round(max(x[0]/y[0] for x,y in zip(a,b)),3),
 '| with faster in', sum(1 for x,y in zip(a,b) if y[0]<x[0]))
