#!/usr/bin/env python3
"""Writes org/pathnorm/simd/KProbe.java (under the current directory): the 6-row micro-kernels of
src/main/java/org/pathnorm/simd/PanamaGemmKernel.java (argument 1) copied out, plus variants of the k-major
one, each timed alone in L1 (kc = 256, two B panels alternating).
  python3 kprobe.py /work/main/src/main/java/org/pathnorm/simd/PanamaGemmKernel.java
  javac --add-modules jdk.incubator.vector -d . org/pathnorm/simd/KProbe.java
  java --add-modules jdk.incubator.vector -cp . org.pathnorm.simd.KProbe packed|const|ind|off|direct LDA
"""
import os, sys
src = open(sys.argv[1]).read()
def grab(name):
    i = src.index('  private static void ' + name)
    return src[i:src.index('\n  }\n', i) + 4]
p6, d6 = grab('kernelPacked6'), grab('kernelDirect6')
const = p6.replace('kernelPacked6', 'packedConst6').replace('int p = aOff + k * lda;', 'int p = aOff + k * 6;')
ind = p6.replace('kernelPacked6', 'packedInd6').replace(
    'for (int k = 0; k < kc; k++) {\n      int b = bpOff + k * NR;\n      int p = aOff + k * lda;',
    'for (int k = 0, p = aOff; k < kc; k++, p += lda) {\n      int b = bpOff + k * NR;')
off = d6.replace('kernelDirect6', 'kmajOff6')
for r in range(6):
    off = off.replace('final int o%d = aOff + %d * lda;' % (r, r), 'final int o%d = aOff + %d;' % (r, r))
    off = off.replace('a[o%d + k]' % r, 'a[o%d + k * lda]' % r)
variants = {'packed': 'kernelPacked6', 'direct': 'kernelDirect6', 'const': 'packedConst6', 'ind': 'packedInd6', 'off': 'kmajOff6'}
cases = '\n'.join('          case "%s" -> %s(kc, a, 0, lda, bp, t * kc * NR, c, t * NR, 128, true);' % kv for kv in variants.items())
java = '''package org.pathnorm.simd;
import jdk.incubator.vector.*;
public class KProbe {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_256; static final int L = 8, NR = 16;
%s
  public static void main(String[] x) {
    int kc = 256; String which = x[0]; int lda = Integer.parseInt(x[1]);
    float[] a = new float[lda * kc + 64]; float[] bp = new float[kc * NR * 8]; float[] c = new float[6 * 128];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
    for (int i = 0; i < bp.length; i++) bp[i] = r.nextFloat();
    for (int rep = 0; rep < 8; rep++) {
      long t0 = System.nanoTime(); int iters = 200000;
      for (int it = 0; it < iters; it++) { int t = it & 1;
        switch (which) {
%s
          default -> throw new IllegalArgumentException(which);
        } }
      long e = System.nanoTime() - t0;
      System.out.printf("%%s lda=%%d: %%.1f GFLOP/s%%n", which, lda, 2.0 * 6 * 16 * kc * iters / e);
    }
  }
}
''' % ('\n'.join([p6, d6, const, ind, off]), cases)
os.makedirs('org/pathnorm/simd', exist_ok=True)
open('org/pathnorm/simd/KProbe.java', 'w').write(java)
