package org.pathnorm.simd;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} written with the JDK Vector API ({@code jdk.incubator.vector}). Loaded only by
 * reflection from {@link KernelSelection}, so the rest of the library runs where the incubator module
 * is absent. The vector width is fixed per JVM ({@code -Dpathnorm.vectorBits=128|256|512}, default:
 * the platform's preferred width) so that C2 sees the species as a constant.
 */
final class PanamaKernels implements Kernels {
  static final VectorSpecies<Float> SPECIES = chooseSpecies(System.getProperty("pathnorm.vectorBits"));
  private static final VectorSpecies<Float> S = SPECIES;
  private static final int L = S.length();
  /** Sums are reduced to double every BLOCK elements: float lanes add at most BLOCK/(4L) terms. */
  private static final int BLOCK = 1024;

  private final PanamaGemmKernel gemm;

  PanamaKernels() {
    this(new PanamaGemmKernel(PanamaGemmKernel.defaultMr()));
  }

  /** These kernels with the given GEMM micro-kernel (tests of a form of A that this machine would not choose). */
  PanamaKernels(PanamaGemmKernel gemm) {
    this.gemm = gemm;
  }

  static VectorSpecies<Float> chooseSpecies(String bits) {
    VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
    if (preferred.vectorBitSize() < 128) {
      throw new UnsupportedOperationException("preferred vector size is only " + preferred.vectorBitSize() + " bits");
    }
    if (bits == null || bits.isBlank() || bits.trim().equals("auto")) return preferred;
    int requested;
    try {
      requested = Integer.parseInt(bits.trim());
    } catch (NumberFormatException e) {
      throw new UnsupportedOperationException("pathnorm.vectorBits must be 128, 256 or 512, got '" + bits + "'");
    }
    if (requested != 128 && requested != 256 && requested != 512) {
      throw new UnsupportedOperationException("pathnorm.vectorBits must be 128, 256 or 512, got " + requested);
    }
    if (requested > preferred.vectorBitSize()) {
      throw new UnsupportedOperationException("pathnorm.vectorBits=" + requested + " exceeds this CPU's "
          + preferred.vectorBitSize() + "-bit vectors");
    }
    return VectorSpecies.of(float.class, VectorShape.forBitSize(requested));
  }

  /**
   * Σ of the lanes in lane order 0, 1, …, L−1. {@code reduceLanes(ADD)} leaves the order unspecified,
   * and the JIT's intrinsic and the interpreter's fallback do use different orders: a result would
   * depend on when C2 compiled the caller, breaking run-to-run and thread-count determinism.
   */
  private static float sumLanes(FloatVector v) {
    float s = 0f;
    for (int i = 0; i < L; i++) s += v.lane(i);
    return s;
  }

  @Override public String description() {
    return "panama (" + S.vectorBitSize() + "-bit, gemm " + gemm.mr() + "x" + gemm.nr() + ")";
  }

  @Override public String choices() {
    int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    return "vector species " + S + (S.vectorBitSize() == preferred ? " (the CPU's preferred width)"
        : " (forced by -Dpathnorm.vectorBits; the CPU prefers " + preferred + "-bit)")
        + "; GEMM micro-kernel " + gemm.mr() + "x" + gemm.nr() + " (" + gemm.mr() + " rows x 2 vectors of C in registers; "
        + (System.getProperty("pathnorm.gemm.mr") != null ? "rows forced by -Dpathnorm.gemm.mr" : "8 rows with 32 vector registers (512-bit), else 6")
        + "); A panels " + aPanelsChoice()
        + "; transposed operands " + (PanamaGemmKernel.TRANSPOSES
            ? "moved as " + S.length() + "x" + S.length() + " blocks transposed in registers" : "gathered")
        + " (16- and 8-lane vectors: in registers, else gathers)"
        + (gemm.packsPanelsInBlocks() ? "; whole 6-row A panels packed as 8x8 blocks transposed in registers" : "")
        + (gemm.aPanels() == APanels.ROWS && gemm.transposedRowsChunk() > gemm.mr()
            ? "; a transposed A packed in rows " + gemm.transposedRowsChunk() + " at a time" : "")
        + "; a weight gradient's last partial panel of columns computed for all rows at once (vectors along the rows)"
        + (gemm.fewColumnsWidth() > 0 ? "; A·Bᵀ with <= " + gemm.fewColumnsWidth()
            + " columns (a classifier's outputs) as dot products along K, 16 partial sums folded by halves"
            : "; A·Bᵀ with few columns on the tiles (dot products along K need 16 lanes)")
        + "; row-major B blocks spanning >= " + (PanamaGemmKernel.STREAMED_SPAN * Float.BYTES >> 10) + " KiB (read from L3 or memory) packed "
        + PanamaGemmKernel.PACK_ROWS + " k-rows at a time across the block, smaller ones panel by panel";
  }

  private String aPanelsChoice() {
    String how = switch (gemm.aPanels()) {
      case AS_STORED -> "read as stored (row-major or transposed in place, partial panels packed k-major)";
      case ROWS -> "packed in rows unless row-major in place";
      case K_MAJOR -> "packed k-major unless transposed in place";
      case K_MAJOR_WIDE -> "packed k-major (" + (SPECIES.length() == 16 ? "8 x 16 blocks transposed in 512-bit registers"
          : "8 x 8 blocks transposed in registers") + ") where a row-major panel meets >= "
          + APanels.WIDE_COLUMNS + " columns in a product of >= " + APanels.WIDE_ROWS + " rows, else read as stored";
    };
    return how + (System.getProperty("pathnorm.gemm.aPanels") != null ? " (forced by -Dpathnorm.gemm.aPanels)"
        : " (6 rows: the form C2 compiles without a spill on this JDK; 8 rows: packed where wide on Intel, as stored elsewhere)");
  }

  @Override public String name() {
    return "panama";
  }

  @Override public int vectorBits() {
    return S.vectorBitSize();
  }

  @Override public GemmKernel gemmKernel() {
    return gemm;
  }

  @Override public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    FloatVector a = FloatVector.broadcast(S, alpha);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      a.fma(FloatVector.fromArray(S, x, xOff + i), FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
  }

  @Override public void scale(float alpha, float[] x, int xOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
    }
    for (; i < n; i++) x[xOff + i] *= alpha;
  }

  @Override public void mul(float[] x, int xOff, float[] y, int yOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, y, yOff + i).mul(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) y[yOff + i] *= x[xOff + i];
  }

  @Override public void addRowVector(float[] v, int vOff, float[] m, int mOff, int rows, int cols, int ld) {
    for (int r = 0; r < rows; r++) {
      int row = mOff + r * ld;
      int i = 0;
      for (int bound = S.loopBound(cols); i < bound; i += L) {
        FloatVector.fromArray(S, m, row + i).add(FloatVector.fromArray(S, v, vOff + i)).intoArray(m, row + i);
      }
      for (; i < cols; i++) m[row + i] += v[vOff + i];
    }
  }

  @Override public void addColumnSums(float[] m, int mOff, int rows, int cols, int ld, float[] out, int outOff) {
    for (int r = 0; r < rows; r++) {
      int row = mOff + r * ld;
      int i = 0;
      for (int bound = S.loopBound(cols); i < bound; i += L) {
        FloatVector.fromArray(S, out, outOff + i).add(FloatVector.fromArray(S, m, row + i)).intoArray(out, outOff + i);
      }
      for (; i < cols; i++) out[outOff + i] += m[row + i];
    }
  }

  /** Bytes of one load for {@link #unitBytesToFloats}: a vector's lanes, at least the smallest byte species (64 bits). */
  private static final VectorSpecies<Byte> UNIT_BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> UNIT_INTS = VectorSpecies.of(int.class, S.vectorShape());
  private static final float INV_255 = 1f / 255f;

  @Override public void unitBytesToFloats(byte[] src, int srcOff, float[] dst, int dstOff, int n) {
    FloatVector v255 = FloatVector.broadcast(S, 255f), inverse = FloatVector.broadcast(S, INV_255);
    int i = 0;
    // each load reads UNIT_BYTES.length() >= L bytes and converts the first L: it must stay inside n
    for (int bound = n - UNIT_BYTES.length(); i <= bound; i += L) {
      IntVector v = (IntVector) ByteVector.fromArray(UNIT_BYTES, src, srcOff + i).convertShape(VectorOperators.B2I, UNIT_INTS, 0);
      FloatVector f = (FloatVector) v.and(0xff).convert(VectorOperators.I2F, 0);
      // q = v·(1/255) and one correction q + (v − 255·q)·(1/255), both with one rounding (FMA): equal to
      // the division v / 255f for all 256 values (KernelsTest), where v·(1/255) alone misses 126 of them
      FloatVector q = f.mul(inverse);
      q.neg().fma(v255, f).fma(inverse, q).intoArray(dst, dstOff + i);
    }
    for (; i < n; i++) dst[dstOff + i] = (src[srcOff + i] & 0xff) / 255f;
  }

  /** Each lane the operations of {@link NonPositiveExp#of}, in the same order: the same bits. */
  @Override public void expNonPositive(double[] x, int off, int n) {
    int lanes = SD.length();
    int i = 0;
    for (int bound = SD.loopBound(n); i < bound; i += lanes) {
      DoubleVector v = DoubleVector.fromArray(SD, x, off + i);
      DoubleVector c = v.lanewise(VectorOperators.MIN, 0.0).lanewise(VectorOperators.MAX, NonPositiveExp.MIN_ARG);
      DoubleVector k = c.mul(NonPositiveExp.LOG2E).add(NonPositiveExp.ROUND).sub(NonPositiveExp.ROUND);
      DoubleVector r = k.fma(DoubleVector.broadcast(SD, -NonPositiveExp.LN2_HI), c);
      r = k.fma(DoubleVector.broadcast(SD, -NonPositiveExp.LN2_LO), r);
      // the polynomial written out: a loop would carry the vector p around it (boxed on JDK 17)
      DoubleVector p = DoubleVector.broadcast(SD, NonPositiveExp.F13).fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F12));
      p = p.fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F11));
      p = p.fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F10));
      p = p.fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F9));
      p = p.fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F8));
      p = p.fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F7));
      p = p.fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F6));
      p = p.fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F5));
      p = p.fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F4));
      p = p.fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F3));
      p = p.fma(r, DoubleVector.broadcast(SD, NonPositiveExp.F2));
      p = p.fma(r, DoubleVector.broadcast(SD, 1.0));
      p = p.fma(r, DoubleVector.broadcast(SD, 1.0));
      DoubleVector scale = ((LongVector) k.convert(VectorOperators.D2L, 0)).add(1023L).lanewise(VectorOperators.LSHL, 52)
          .reinterpretAsDoubles();
      p.mul(scale).blend(0.0, v.compare(VectorOperators.LT, NonPositiveExp.MIN_ARG)).intoArray(x, off + i);
    }
    for (; i < n; i++) x[off + i] = NonPositiveExp.of(x[off + i]);
  }

  @Override public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
    maxZero(x, xOff, y, yOff, n);
  }

  /** {@link #relu}, static for the tiles' callers. */
  private static void maxZero(float[] x, int xOff, float[] y, int yOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.MAX, 0f).intoArray(y, yOff + i);
    }
    for (; i < n; i++) y[yOff + i] = Math.max(x[xOff + i], 0f);
  }

  @Override public void reluBackward(float[] activation, int aOff, float[] grad, int gOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Float> active = FloatVector.fromArray(S, activation, aOff + i).compare(VectorOperators.GT, 0f);
      FloatVector.fromArray(S, grad, gOff + i).blend(0f, active.not()).intoArray(grad, gOff + i);
    }
    for (; i < n; i++) if (!(activation[aOff + i] > 0f)) grad[gOff + i] = 0f;
  }

  @Override public void square(float[] x, int xOff, float[] y, int yOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xOff + i);
      v.mul(v).intoArray(y, yOff + i);
    }
    for (; i < n; i++) y[yOff + i] = x[xOff + i] * x[xOff + i];
  }

  @Override public double sum(float[] x, int xOff, int n) {
    double total = 0;
    int i = 0;
    for (; i + BLOCK <= n; i += BLOCK) {
      FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
      for (int j = 0; j < BLOCK; j += 4 * L) {
        int o = xOff + i + j;
        a0 = a0.add(FloatVector.fromArray(S, x, o));
        a1 = a1.add(FloatVector.fromArray(S, x, o + L));
        a2 = a2.add(FloatVector.fromArray(S, x, o + 2 * L));
        a3 = a3.add(FloatVector.fromArray(S, x, o + 3 * L));
      }
      total += sumLanes(a0.add(a1).add(a2.add(a3)));
    }
    for (; i < n; i++) total += x[xOff + i];
    return total;
  }

  @Override public double sumSquares(float[] x, int xOff, int n) {
    double total = 0;
    int i = 0;
    for (; i + BLOCK <= n; i += BLOCK) {
      FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
      for (int j = 0; j < BLOCK; j += 4 * L) {
        int o = xOff + i + j;
        FloatVector v0 = FloatVector.fromArray(S, x, o), v1 = FloatVector.fromArray(S, x, o + L);
        FloatVector v2 = FloatVector.fromArray(S, x, o + 2 * L), v3 = FloatVector.fromArray(S, x, o + 3 * L);
        a0 = v0.fma(v0, a0);
        a1 = v1.fma(v1, a1);
        a2 = v2.fma(v2, a2);
        a3 = v3.fma(v3, a3);
      }
      total += sumLanes(a0.add(a1).add(a2.add(a3)));
    }
    for (; i < n; i++) {
      double v = x[xOff + i];
      total += v * v;
    }
    return total;
  }

  @Override public float max(float[] x, int xOff, int n) {
    FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      m = m.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, xOff + i));
    }
    float r = m.reduceLanes(VectorOperators.MAX);
    for (; i < n; i++) r = Math.max(r, x[xOff + i]);
    return r;
  }

  @Override public void sgdStep(float[] w, float[] g, float[] v, int off, int n, float lr, float momentum,
      float weightDecay) {
    sgdStep(w, off, g, off, v, n, lr, momentum, weightDecay);
  }

  @Override public void sgdStep(float[] w, int wOff, float[] g, int gOff, float[] v, int n, float lr, float momentum,
      float weightDecay) {
    int i = wOff;
    int end = wOff + n;
    int shift = gOff - wOff;
    for (int bound = wOff + S.loopBound(n); i < bound; i += L) {
      FloatVector wv = FloatVector.fromArray(S, w, i);
      // the same operations, in the same order, as the scalar loop: bit-identical results
      FloatVector d = FloatVector.fromArray(S, g, i + shift).add(wv.mul(weightDecay));
      if (v == null) {
        wv.sub(d.mul(lr)).intoArray(w, i);
      } else {
        FloatVector vel = FloatVector.fromArray(S, v, i).mul(momentum).sub(d.mul(lr));
        vel.intoArray(v, i);
        wv.add(vel).intoArray(w, i);
      }
    }
    ScalarKernels.sgdRange(w, g, shift, v, i, end, lr, momentum, weightDecay);
  }

  @Override public float dotSquared(float[] w, int wOff, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
    int i = 0;
    for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
      FloatVector w0 = FloatVector.fromArray(S, w, wOff + i), w1 = FloatVector.fromArray(S, w, wOff + i + L);
      acc0 = w0.mul(w0).fma(FloatVector.fromArray(S, x, xOff + i), acc0);
      acc1 = w1.mul(w1).fma(FloatVector.fromArray(S, x, xOff + i + L), acc1);
    }
    float s = sumLanes(acc0.add(acc1));
    for (; i < n; i++) s += w[wOff + i] * w[wOff + i] * x[xOff + i];
    return s;
  }

  @Override public void axpySquared(float a, float[] w, int wOff, float[] y, int yOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector wv = FloatVector.fromArray(S, w, wOff + i);
      FloatVector.fromArray(S, y, yOff + i).add(wv.mul(wv).mul(a)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) y[yOff + i] += a * (w[wOff + i] * w[wOff + i]);
  }

  @Override public void addSquaredMatVec(int rows, int n, float[] w, int wOff, int ld, float[] x, int xOff, float[] y, int yOff) {
    int r = 0;
    for (; r + 4 <= rows; r += 4) dotSquared4(n, w, wOff + r * ld, ld, x, xOff, y, yOff + r);
    for (; r < rows; r++) y[yOff + r] += dotSquared(w, wOff + r * ld, x, xOff, n);
  }

  /** Four rows of {@link #addSquaredMatVec}, each with {@link #dotSquared}'s accumulators and order: x is loaded once for four rows. */
  private static void dotSquared4(int n, float[] w, int w0, int ld, float[] x, int xOff, float[] y, int y0) {
    int w1 = w0 + ld, w2 = w1 + ld, w3 = w2 + ld;
    FloatVector a00 = FloatVector.zero(S), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00, a30 = a00, a31 = a00;
    int i = 0;
    for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
      FloatVector x0 = FloatVector.fromArray(S, x, xOff + i), x1 = FloatVector.fromArray(S, x, xOff + i + L);
      FloatVector v = FloatVector.fromArray(S, w, w0 + i);
      a00 = v.mul(v).fma(x0, a00);
      v = FloatVector.fromArray(S, w, w0 + i + L);
      a01 = v.mul(v).fma(x1, a01);
      v = FloatVector.fromArray(S, w, w1 + i);
      a10 = v.mul(v).fma(x0, a10);
      v = FloatVector.fromArray(S, w, w1 + i + L);
      a11 = v.mul(v).fma(x1, a11);
      v = FloatVector.fromArray(S, w, w2 + i);
      a20 = v.mul(v).fma(x0, a20);
      v = FloatVector.fromArray(S, w, w2 + i + L);
      a21 = v.mul(v).fma(x1, a21);
      v = FloatVector.fromArray(S, w, w3 + i);
      a30 = v.mul(v).fma(x0, a30);
      v = FloatVector.fromArray(S, w, w3 + i + L);
      a31 = v.mul(v).fma(x1, a31);
    }
    float s0 = sumLanes(a00.add(a01)), s1 = sumLanes(a10.add(a11)), s2 = sumLanes(a20.add(a21)), s3 = sumLanes(a30.add(a31));
    for (; i < n; i++) {
      float xi = x[xOff + i];
      s0 += w[w0 + i] * w[w0 + i] * xi;
      s1 += w[w1 + i] * w[w1 + i] * xi;
      s2 += w[w2 + i] * w[w2 + i] * xi;
      s3 += w[w3 + i] * w[w3 + i] * xi;
    }
    y[y0] += s0;
    y[y0 + 1] += s1;
    y[y0 + 2] += s2;
    y[y0 + 3] += s3;
  }

  @Override public void addSquaredMatTVec(int rows, int n, float[] c, int cOff, float[] w, int wOff, int ld, float[] y, int yOff) {
    int r = 0;
    // four rows per pass over y: y is loaded and stored once for four fused multiply-adds per element
    for (; r + 4 <= rows; r += 4) {
      int w0 = wOff + r * ld, w1 = w0 + ld, w2 = w1 + ld, w3 = w2 + ld;
      float c0 = c[cOff + r], c1 = c[cOff + r + 1], c2 = c[cOff + r + 2], c3 = c[cOff + r + 3];
      FloatVector b0 = FloatVector.broadcast(S, c0), b1 = FloatVector.broadcast(S, c1);
      FloatVector b2 = FloatVector.broadcast(S, c2), b3 = FloatVector.broadcast(S, c3);
      int i = 0;
      for (int bound = S.loopBound(n); i < bound; i += L) {
        FloatVector acc = FloatVector.fromArray(S, y, yOff + i);
        FloatVector v = FloatVector.fromArray(S, w, w0 + i);
        acc = v.mul(v).fma(b0, acc);
        v = FloatVector.fromArray(S, w, w1 + i);
        acc = v.mul(v).fma(b1, acc);
        v = FloatVector.fromArray(S, w, w2 + i);
        acc = v.mul(v).fma(b2, acc);
        v = FloatVector.fromArray(S, w, w3 + i);
        acc = v.mul(v).fma(b3, acc);
        acc.intoArray(y, yOff + i);
      }
      for (; i < n; i++) {
        float acc = Math.fma(w[w0 + i] * w[w0 + i], c0, y[yOff + i]);
        acc = Math.fma(w[w1 + i] * w[w1 + i], c1, acc);
        acc = Math.fma(w[w2 + i] * w[w2 + i], c2, acc);
        y[yOff + i] = Math.fma(w[w3 + i] * w[w3 + i], c3, acc);
      }
    }
    for (; r < rows; r++) {
      int row = wOff + r * ld;
      FloatVector b = FloatVector.broadcast(S, c[cOff + r]);
      int i = 0;
      for (int bound = S.loopBound(n); i < bound; i += L) {
        FloatVector v = FloatVector.fromArray(S, w, row + i);
        v.mul(v).fma(b, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
      }
      for (; i < n; i++) y[yOff + i] = Math.fma(w[row + i] * w[row + i], c[cOff + r], y[yOff + i]);
    }
  }

  @Override public void pathSgdStep(float[] w, float[] g, float[] v, int off, int n, float lr, float momentum, float s,
      float[] r, int rOff) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      // same operation order as the scalar loop: bit-identical
      pathSgdVector(w, g, 0, v, off + i, lr, momentum, FloatVector.fromArray(S, r, rOff + i).mul(s));
    }
    ScalarKernels.pathSgdRange(w, g, 0, v, off + i, off + n, lr, momentum, s, r, rOff - off);
  }

  @Override public void pathSgdRowsSquared(int rows, float[] w, float[] g, int gs, float[] v, int off, int ld, int n, float lr,
      float momentum, float[] s, float[] a, int j0, float[] r, int rOff, float[] y, int yOff, float[] x, int xOff,
      float[] sums) {
    if (rows == 4 && v != null && (x != null || y != null)) {
      pathSgdFourRows(w, g, gs, v, off, ld, n, lr, momentum, s, a, j0, r, rOff, y, yOff, x, xOff, sums);
      return;
    }
    for (int q = 0; q < rows; q++) {
      float sq = s[j0 + q];
      float aq = y == null ? 0f : a[j0 + q];
      FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
      int row = off + q * ld;
      int i = 0;
      // two vectors at a time, so that the sum keeps dotSquared's two accumulators and order
      for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
        FloatVector r0 = FloatVector.fromArray(S, r, rOff + i), r1 = FloatVector.fromArray(S, r, rOff + i + L);
        FloatVector w0 = pathSgdVector(w, g, gs, v, row + i, lr, momentum, r0.mul(sq));
        FloatVector w1 = pathSgdVector(w, g, gs, v, row + i + L, lr, momentum, r1.mul(sq));
        if (y != null) {
          FloatVector.fromArray(S, y, yOff + i).add(w0.mul(w0).mul(aq)).intoArray(y, yOff + i);
          FloatVector.fromArray(S, y, yOff + i + L).add(w1.mul(w1).mul(aq)).intoArray(y, yOff + i + L);
        }
        if (x != null) {
          acc0 = w0.mul(w0).fma(FloatVector.fromArray(S, x, xOff + i), acc0);
          acc1 = w1.mul(w1).fma(FloatVector.fromArray(S, x, xOff + i + L), acc1);
        }
      }
      float sum = sumLanes(acc0.add(acc1));
      sum = pathSgdRowTail(w, g, gs, v, row, i, n, lr, momentum, sq, r, rOff, aq, y, yOff, x, xOff, sum);
      if (x != null) sums[q] = sum;
    }
  }

  /**
   * {@link #pathSgdRowsSquared} on four rows at once, with a velocity and with y or x or both (other
   * calls go row by row): r, x and y are loaded once for the four, and y receives the rows' terms in row
   * order. Each combination has its own loop (a method of its own), so that C2 compiles each without the
   * others' branches: with them, the loop ran slower than the unfused passes.
   */
  private static void pathSgdFourRows(float[] w, float[] g, int gs, float[] v, int off, int ld, int n, float lr, float momentum,
      float[] s, float[] a, int j0, float[] r, int rOff, float[] y, int yOff, float[] x, int xOff, float[] sums) {
    int end = n / (2 * L) * (2 * L);
    if (x == null) fourRowsColumnSums(w, g, gs, v, off, ld, end, lr, momentum, s, a, j0, r, rOff, y, yOff);
    else if (y == null) fourRowsRowSums(w, g, gs, v, off, ld, end, lr, momentum, s, j0, r, rOff, x, xOff, sums);
    else fourRowsBothSums(w, g, gs, v, off, ld, end, lr, momentum, s, a, j0, r, rOff, y, yOff, x, xOff, sums);
    // the tails row by row: every y element still gets its terms in row order
    for (int q = 0; q < 4; q++) {
      float sum = pathSgdRowTail(w, g, gs, v, off + q * ld, end, n, lr, momentum, s[j0 + q], r, rOff,
          y == null ? 0f : a[j0 + q], y, yOff, x, xOff, x == null ? 0f : sums[q]);
      if (x != null) sums[q] = sum;
    }
  }

  /*
   * The loops of pathSgdFourRows over [0, end), end a multiple of 2L, with a velocity. Per row,
   * dotSquared's two accumulators: e takes the vectors at even multiples of L, d the odd ones;
   * sums[q] is left at their lane sum. The accumulators live in a scratch array (e of row q at q·L,
   * d at (4 + q)·L) and are summed there by scalar code: C2 stops inlining past a node budget, and
   * these loops used it up, so that vector operations after them ran out of line through the Vector
   * API's Java fallbacks, allocating on every call (BENCHMARKS.md, "Issue 15, twenty-fifth session").
   */
  private static final ThreadLocal<float[]> ROW_SUMS = ThreadLocal.withInitial(() -> new float[8 * L]);

  private static void fourRowsBothSums(float[] w, float[] g, int gs, float[] v, int o0, int ld, int end, float lr,
      float momentum, float[] s, float[] a, int j0, float[] r, int rOff, float[] y, int yOff, float[] x, int xOff,
      float[] sums) {
    float s0 = s[j0], s1 = s[j0 + 1], s2 = s[j0 + 2], s3 = s[j0 + 3];
    float a0 = a[j0], a1 = a[j0 + 1], a2 = a[j0 + 2], a3 = a[j0 + 3];
    int o1 = o0 + ld, o2 = o1 + ld, o3 = o2 + ld;
    float[] acc = ROW_SUMS.get();
    Arrays.fill(acc, 0f);
    for (int i = 0; i < end; i += 2 * L) {
      for (int h = 0; h < 2 * L; h += L) {
        int k = i + h;
        FloatVector rk = FloatVector.fromArray(S, r, rOff + k);
        FloatVector w0 = momentumVector(w, g, gs, v, o0 + k, lr, momentum, rk.mul(s0));
        FloatVector w1 = momentumVector(w, g, gs, v, o1 + k, lr, momentum, rk.mul(s1));
        FloatVector w2 = momentumVector(w, g, gs, v, o2 + k, lr, momentum, rk.mul(s2));
        FloatVector w3 = momentumVector(w, g, gs, v, o3 + k, lr, momentum, rk.mul(s3));
        FloatVector.fromArray(S, y, yOff + k).add(w0.mul(w0).mul(a0)).add(w1.mul(w1).mul(a1))
            .add(w2.mul(w2).mul(a2)).add(w3.mul(w3).mul(a3)).intoArray(y, yOff + k);
        FloatVector xk = FloatVector.fromArray(S, x, xOff + k);
        int at = h == 0 ? 0 : 4 * L;
        w0.mul(w0).fma(xk, FloatVector.fromArray(S, acc, at)).intoArray(acc, at);
        w1.mul(w1).fma(xk, FloatVector.fromArray(S, acc, at + L)).intoArray(acc, at + L);
        w2.mul(w2).fma(xk, FloatVector.fromArray(S, acc, at + 2 * L)).intoArray(acc, at + 2 * L);
        w3.mul(w3).fma(xk, FloatVector.fromArray(S, acc, at + 3 * L)).intoArray(acc, at + 3 * L);
      }
    }
    rowSums(acc, sums);
  }

  private static void fourRowsRowSums(float[] w, float[] g, int gs, float[] v, int o0, int ld, int end, float lr,
      float momentum, float[] s, int j0, float[] r, int rOff, float[] x, int xOff, float[] sums) {
    float s0 = s[j0], s1 = s[j0 + 1], s2 = s[j0 + 2], s3 = s[j0 + 3];
    int o1 = o0 + ld, o2 = o1 + ld, o3 = o2 + ld;
    float[] acc = ROW_SUMS.get();
    Arrays.fill(acc, 0f);
    for (int i = 0; i < end; i += 2 * L) {
      for (int h = 0; h < 2 * L; h += L) {
        int k = i + h;
        FloatVector rk = FloatVector.fromArray(S, r, rOff + k);
        FloatVector w0 = momentumVector(w, g, gs, v, o0 + k, lr, momentum, rk.mul(s0));
        FloatVector w1 = momentumVector(w, g, gs, v, o1 + k, lr, momentum, rk.mul(s1));
        FloatVector w2 = momentumVector(w, g, gs, v, o2 + k, lr, momentum, rk.mul(s2));
        FloatVector w3 = momentumVector(w, g, gs, v, o3 + k, lr, momentum, rk.mul(s3));
        FloatVector xk = FloatVector.fromArray(S, x, xOff + k);
        int at = h == 0 ? 0 : 4 * L;
        w0.mul(w0).fma(xk, FloatVector.fromArray(S, acc, at)).intoArray(acc, at);
        w1.mul(w1).fma(xk, FloatVector.fromArray(S, acc, at + L)).intoArray(acc, at + L);
        w2.mul(w2).fma(xk, FloatVector.fromArray(S, acc, at + 2 * L)).intoArray(acc, at + 2 * L);
        w3.mul(w3).fma(xk, FloatVector.fromArray(S, acc, at + 3 * L)).intoArray(acc, at + 3 * L);
      }
    }
    rowSums(acc, sums);
  }

  /** sums[q] = Σ_lane (e_q + d_q)[lane] in lane order, as sumLanes(e.add(d)), from the scratch of the loops above. */
  private static void rowSums(float[] acc, float[] sums) {
    for (int q = 0; q < 4; q++) {
      float sum = 0f;
      for (int lane = 0; lane < L; lane++) sum += acc[q * L + lane] + acc[(4 + q) * L + lane];
      sums[q] = sum;
    }
  }

  private static void fourRowsColumnSums(float[] w, float[] g, int gs, float[] v, int o0, int ld, int end, float lr,
      float momentum, float[] s, float[] a, int j0, float[] r, int rOff, float[] y, int yOff) {
    float s0 = s[j0], s1 = s[j0 + 1], s2 = s[j0 + 2], s3 = s[j0 + 3];
    float a0 = a[j0], a1 = a[j0 + 1], a2 = a[j0 + 2], a3 = a[j0 + 3];
    int o1 = o0 + ld, o2 = o1 + ld, o3 = o2 + ld;
    for (int i = 0; i < end; i += L) {
      FloatVector ri = FloatVector.fromArray(S, r, rOff + i);
      FloatVector w0 = momentumVector(w, g, gs, v, o0 + i, lr, momentum, ri.mul(s0));
      FloatVector w1 = momentumVector(w, g, gs, v, o1 + i, lr, momentum, ri.mul(s1));
      FloatVector w2 = momentumVector(w, g, gs, v, o2 + i, lr, momentum, ri.mul(s2));
      FloatVector w3 = momentumVector(w, g, gs, v, o3 + i, lr, momentum, ri.mul(s3));
      FloatVector.fromArray(S, y, yOff + i).add(w0.mul(w0).mul(a0)).add(w1.mul(w1).mul(a1))
          .add(w2.mul(w2).mul(a2)).add(w3.mul(w3).mul(a3)).intoArray(y, yOff + i);
    }
  }

  /** {@link #pathSgdVector} with a velocity. */
  private static FloatVector momentumVector(float[] w, float[] g, int gs, float[] v, int i, float lr, float momentum,
      FloatVector inverseKappa) {
    FloatVector d = FloatVector.fromArray(S, g, i + gs).mul(inverseKappa);
    FloatVector vel = FloatVector.fromArray(S, v, i).mul(momentum).sub(d.mul(lr));
    vel.intoArray(v, i);
    FloatVector wv = FloatVector.fromArray(S, w, i).add(vel);
    wv.intoArray(w, i);
    return wv;
  }

  /**
   * The rest [from, n) of one row of {@link #pathSgdRowsSquared} (fewer than 2L elements): the update
   * by vectors then scalars as in pathSgdStep, y's terms, and {@code sum} plus the row sum's scalar tail.
   */
  private static float pathSgdRowTail(float[] w, float[] g, int gs, float[] v, int row, int from, int n, float lr,
      float momentum, float s, float[] r, int rOff, float a, float[] y, int yOff, float[] x, int xOff, float sum) {
    int i = from;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector wv = pathSgdVector(w, g, gs, v, row + i, lr, momentum, FloatVector.fromArray(S, r, rOff + i).mul(s));
      if (y != null) FloatVector.fromArray(S, y, yOff + i).add(wv.mul(wv).mul(a)).intoArray(y, yOff + i);
    }
    ScalarKernels.pathSgdRange(w, g, gs, v, row + i, row + n, lr, momentum, s, r, rOff - row);
    if (y != null) for (int k = i; k < n; k++) y[yOff + k] += a * (w[row + k] * w[row + k]);
    if (x == null) return 0f;
    for (int k = from; k < n; k++) sum += w[row + k] * w[row + k] * x[xOff + k];
    return sum;
  }

  /** One vector of {@link #pathSgdStep} at w[i] with κ⁻¹ {@code inverseKappa}; returns the new weights. */
  private static FloatVector pathSgdVector(float[] w, float[] g, int gs, float[] v, int i, float lr, float momentum,
      FloatVector inverseKappa) {
    if (v != null) return momentumVector(w, g, gs, v, i, lr, momentum, inverseKappa);
    FloatVector d = FloatVector.fromArray(S, g, i + gs).mul(inverseKappa);
    FloatVector wv = FloatVector.fromArray(S, w, i).sub(d.mul(lr));
    wv.intoArray(w, i);
    return wv;
  }

  @Override public void adagradStep(float[] w, float[] g, float[] accumulator, int off, int n, float lr, float eps) {
    int i = off;
    int end = off + n;
    for (int bound = off + S.loopBound(n); i < bound; i += L) {
      FloatVector gv = FloatVector.fromArray(S, g, i);
      FloatVector acc = FloatVector.fromArray(S, accumulator, i).add(gv.mul(gv));
      acc.intoArray(accumulator, i);
      FloatVector step = gv.mul(lr).div(acc.lanewise(VectorOperators.SQRT).add(eps));
      FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
    }
    ScalarKernels.adagradRange(w, g, accumulator, i, end, lr, eps);
  }

  @Override public void adamStep(float[] w, float[] g, float[] m, float[] v, int off, int n, float lr, float beta1,
      float beta2, float eps, float correction1, float correction2) {
    int i = off;
    int end = off + n;
    for (int bound = off + S.loopBound(n); i < bound; i += L) {
      FloatVector gv = FloatVector.fromArray(S, g, i);
      FloatVector mv = FloatVector.fromArray(S, m, i).mul(beta1).add(gv.mul(1 - beta1));
      FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(gv.mul(gv).mul(1 - beta2));
      mv.intoArray(m, i);
      vv.intoArray(v, i);
      FloatVector step = mv.div(correction1).mul(lr).div(vv.div(correction2).lanewise(VectorOperators.SQRT).add(eps));
      FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
    }
    ScalarKernels.adamRange(w, g, m, v, i, end, lr, beta1, beta2, eps, correction1, correction2);
  }

  @Override public int argmax(float[] x, int xOff, int n) {
    // argmax is taken over rows of a few logits: the scalar scan is the fast path there
    return ScalarKernels.argmaxScalar(x, xOff, n);
  }

  @Override public void gramRows(float[] w, int wOff, int ld, int rows, float[] v, int vOff, float[] z, int zOff, int n,
      float[] y, int yOff) {
    int r = 0;
    for (; r + 1 < rows; r += 2) {
      int a = wOff + r * ld, b = a + ld;
      FloatVector accA0 = FloatVector.zero(S), accA1 = FloatVector.zero(S);
      FloatVector accB0 = FloatVector.zero(S), accB1 = FloatVector.zero(S);
      int i = 0;
      for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
        FloatVector v0 = FloatVector.fromArray(S, v, vOff + i), v1 = FloatVector.fromArray(S, v, vOff + i + L);
        accA0 = FloatVector.fromArray(S, w, a + i).fma(v0, accA0);
        accA1 = FloatVector.fromArray(S, w, a + i + L).fma(v1, accA1);
        accB0 = FloatVector.fromArray(S, w, b + i).fma(v0, accB0);
        accB1 = FloatVector.fromArray(S, w, b + i + L).fma(v1, accB1);
      }
      float ya = sumLanes(accA0.add(accA1)), yb = sumLanes(accB0.add(accB1));
      for (; i < n; i++) {
        ya += w[a + i] * v[vOff + i];
        yb += w[b + i] * v[vOff + i];
      }
      y[yOff + r] = ya;
      y[yOff + r + 1] = yb;
      FloatVector yav = FloatVector.broadcast(S, ya), ybv = FloatVector.broadcast(S, yb);
      i = 0;
      for (int bound = S.loopBound(n); i < bound; i += L) {
        FloatVector zv = FloatVector.fromArray(S, w, a + i).fma(yav, FloatVector.fromArray(S, z, zOff + i));
        FloatVector.fromArray(S, w, b + i).fma(ybv, zv).intoArray(z, zOff + i);
      }
      for (; i < n; i++) z[zOff + i] = (z[zOff + i] + ya * w[a + i]) + yb * w[b + i];
    }
    if (r < rows) {
      int a = wOff + r * ld;
      FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
      int i = 0;
      for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
        acc0 = FloatVector.fromArray(S, w, a + i).fma(FloatVector.fromArray(S, v, vOff + i), acc0);
        acc1 = FloatVector.fromArray(S, w, a + i + L).fma(FloatVector.fromArray(S, v, vOff + i + L), acc1);
      }
      float ya = sumLanes(acc0.add(acc1));
      for (; i < n; i++) ya += w[a + i] * v[vOff + i];
      y[yOff + r] = ya;
      FloatVector yav = FloatVector.broadcast(S, ya);
      i = 0;
      for (int bound = S.loopBound(n); i < bound; i += L) {
        FloatVector.fromArray(S, w, a + i).fma(yav, FloatVector.fromArray(S, z, zOff + i)).intoArray(z, zOff + i);
      }
      for (; i < n; i++) z[zOff + i] += ya * w[a + i];
    }
  }

  // smallGemm / smallGemmTn: C += op(A)·B with A's element (row r, term kk) at a0 + r·ars + kk·aks, so one
  // set of kernels serves A (ars = lda, aks = 1) and Aᵀ (ars = 1, aks = lda). Four rows of C at a time,
  // two vectors of columns (eight accumulators), the k loop innermost with A broadcast and B rows read
  // in place; column panels outermost so that a panel of B stays in L1/L2 while every row block uses it.
  // No lane masks and one vector species only: on JDK 17 masked loads, stores and FMAs are not
  // intrinsified (a masked 4-column tail at H = 100 took two thirds of a step), and kernels on a second
  // species (256/128-bit tails) made the vector call sites polymorphic, so C2 fell back to the boxed Java
  // implementation everywhere (≈ 5 GFLOP/s). A column tail of r < L columns (n ≥ L) is instead computed as
  // the window [n − L, n), paired in one kernel call with the full vector it overlaps: both are loaded
  // from C before either is stored, and the overlapping lanes get the same fma sequence in both, so the
  // second store writes the same bits. Only n < L falls back to scalar Math.fma. Every element is
  // accumulated over k in increasing order with one fma per term, whatever the tile that computes it.

  /** Terms per pass of smallGemmTn: a KC-row slab of A and of B stays in L2 while all of C is updated. */
  private static final int KC = 256;

  @Override public void smallGemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
      int cOff, int ldc, boolean relu) {
    smallProduct(m, n, k, a, aOff, lda, 1, b, bOff, ldb, c, cOff, ldc, relu);
  }

  @Override public void smallGemmTn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
      int cOff, int ldc, boolean accumulate) {
    if (!accumulate) {
      for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
    }
    for (int k0 = 0; k0 < k; k0 += KC) {
      smallProduct(m, n, Math.min(KC, k - k0), a, aOff + k0 * lda, 1, lda, b, bOff + k0 * ldb, ldb, c, cOff, ldc, false);
    }
  }

  private static void smallProduct(int m, int n, int k, float[] a, int aOff, int ars, int aks, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean relu) {
    if (n < L) {
      for (int i = 0; i < m; i++) smallGemmScalar(0, n, k, a, aOff + i * ars, aks, b, bOff, ldb, c, cOff + i * ldc, relu);
      return;
    }
    if (n > (ROW_VECTORS - 1) * L && n <= ROW_VECTORS * L) {
      wholeRows(m, n, k, a, aOff, ars, aks, b, bOff, ldb, c, cOff, ldc, relu);
      return;
    }
    int m4 = m & ~3;
    int tail = n % L;
    // full vectors before the last one (which pairs with the tail window when there is a tail)
    int paired = tail == 0 ? n : n / L * L - L;
    int j = 0;
    for (; j + 2 * L <= paired; j += 2 * L) columnPair(m, m4, k, a, aOff, ars, aks, b, bOff, ldb, c, cOff, ldc, relu, j, L);
    if (j + L <= paired) {
      for (int i = 0; i < m4; i += 4) smallGemm4x1(k, a, aOff + i * ars, ars, aks, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, relu);
      for (int i = m4; i < m; i++) smallGemm1x1(k, a, aOff + i * ars, aks, b, bOff + j, ldb, c, cOff + i * ldc + j, relu);
      j += L;
    }
    // the last full vector at j and the overlapping tail window at n − L, from the same C
    if (tail != 0) columnPair(m, m4, k, a, aOff, ars, aks, b, bOff, ldb, c, cOff, ldc, relu, j, n - L - j);
  }

  /**
   * Row widths of {@link #ROW_VECTORS} vectors (97 … 112 columns at 16 lanes, the recurrent step at H = 100) take
   * whole rows of C at a time: 3 rows × 7 vectors (21 accumulators, 7 B vectors loaded once per term and used by
   * all three rows), 2- and 1-row kernels for m mod 3. The 4 × 2 tiles walked the B rows 4 times per row block
   * and loaded 6 vectors per 8 FMAs, where this loads 10 per 21: the step product at batch 50 went from ≈ 60
   * to ≈ 90 GFLOP/s (src/jmh/rnn/StepProductTiming.java, 1 thread).
   */
  private static final int ROW_VECTORS = 7;

  /** {@link #smallProduct} for (ROW_VECTORS − 1)·L &lt; n ≤ ROW_VECTORS·L: the last vector is the window [n − L, n). */
  private static void wholeRows(int m, int n, int k, float[] a, int aOff, int ars, int aks, float[] b, int bOff, int ldb, float[] c,
      int cOff, int ldc, boolean relu) {
    int d = n - (ROW_VECTORS - 1) * L;
    int m3 = m - m % 3;
    for (int i = 0; i < m3; i += 3) {
      smallGemm3x7(k, a, aOff + i * ars, ars, aks, b, bOff, ldb, c, cOff + i * ldc, ldc, d);
      if (relu) reluRows(c, cOff + i * ldc, ldc, 3, n);
    }
    if (m - m3 == 2) smallGemm2x7(k, a, aOff + m3 * ars, ars, aks, b, bOff, ldb, c, cOff + m3 * ldc, ldc, d);
    else if (m - m3 == 1) smallGemm1x7(k, a, aOff + m3 * ars, aks, b, bOff, ldb, c, cOff + m3 * ldc, d);
    if (relu && m > m3) reluRows(c, cOff + m3 * ldc, ldc, m - m3, n);
  }

  /**
   * max(·, 0) on {@code rows} rows of n values of C just stored by a whole-row kernel (still in L1). Outside the kernels,
   * whose code C2 compiled two ways from run to run with the ReLU inside: with and without the branch, the first
   * 25–35% slower on the recurrent step at H = 100 (BENCHMARKS.md, "Issue 15, forty-third session").
   */
  private static void reluRows(float[] c, int off, int ldc, int rows, int n) {
    for (int r = 0; r < rows; r++) maxZero(c, off + r * ldc, c, off + r * ldc, n);
  }

  private static FloatVector ld(float[] x, int o) {
    return FloatVector.fromArray(S, x, o);
  }

  private static void smallGemm3x7(int k, float[] a, int a0, int ars, int aks, float[] b, int b0, int ldb, float[] c, int c0, int ldc,
      int d) {
    int o0 = c0, o1 = c0 + ldc, o2 = c0 + 2 * ldc;
    FloatVector c00 = ld(c, o0), c01 = ld(c, o0 + L), c02 = ld(c, o0 + 2 * L), c03 = ld(c, o0 + 3 * L),
        c04 = ld(c, o0 + 4 * L), c05 = ld(c, o0 + 5 * L), c06 = ld(c, o0 + 5 * L + d);
    FloatVector c10 = ld(c, o1), c11 = ld(c, o1 + L), c12 = ld(c, o1 + 2 * L), c13 = ld(c, o1 + 3 * L),
        c14 = ld(c, o1 + 4 * L), c15 = ld(c, o1 + 5 * L), c16 = ld(c, o1 + 5 * L + d);
    FloatVector c20 = ld(c, o2), c21 = ld(c, o2 + L), c22 = ld(c, o2 + 2 * L), c23 = ld(c, o2 + 3 * L),
        c24 = ld(c, o2 + 4 * L), c25 = ld(c, o2 + 5 * L), c26 = ld(c, o2 + 5 * L + d);
    for (int kk = 0; kk < k; kk++) {
      int bk = b0 + kk * ldb, ak = a0 + kk * aks;
      FloatVector w0 = ld(b, bk), w1 = ld(b, bk + L), w2 = ld(b, bk + 2 * L), w3 = ld(b, bk + 3 * L),
          w4 = ld(b, bk + 4 * L), w5 = ld(b, bk + 5 * L), w6 = ld(b, bk + 5 * L + d);
      FloatVector x = FloatVector.broadcast(S, a[ak]);
      c00 = x.fma(w0, c00); c01 = x.fma(w1, c01); c02 = x.fma(w2, c02); c03 = x.fma(w3, c03);
      c04 = x.fma(w4, c04); c05 = x.fma(w5, c05); c06 = x.fma(w6, c06);
      x = FloatVector.broadcast(S, a[ak + ars]);
      c10 = x.fma(w0, c10); c11 = x.fma(w1, c11); c12 = x.fma(w2, c12); c13 = x.fma(w3, c13);
      c14 = x.fma(w4, c14); c15 = x.fma(w5, c15); c16 = x.fma(w6, c16);
      x = FloatVector.broadcast(S, a[ak + 2 * ars]);
      c20 = x.fma(w0, c20); c21 = x.fma(w1, c21); c22 = x.fma(w2, c22); c23 = x.fma(w3, c23);
      c24 = x.fma(w4, c24); c25 = x.fma(w5, c25); c26 = x.fma(w6, c26);
    }
    c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c02.intoArray(c, o0 + 2 * L); c03.intoArray(c, o0 + 3 * L);
    c04.intoArray(c, o0 + 4 * L); c05.intoArray(c, o0 + 5 * L); c06.intoArray(c, o0 + 5 * L + d);
    c10.intoArray(c, o1); c11.intoArray(c, o1 + L); c12.intoArray(c, o1 + 2 * L); c13.intoArray(c, o1 + 3 * L);
    c14.intoArray(c, o1 + 4 * L); c15.intoArray(c, o1 + 5 * L); c16.intoArray(c, o1 + 5 * L + d);
    c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c22.intoArray(c, o2 + 2 * L); c23.intoArray(c, o2 + 3 * L);
    c24.intoArray(c, o2 + 4 * L); c25.intoArray(c, o2 + 5 * L); c26.intoArray(c, o2 + 5 * L + d);
  }

  private static void smallGemm2x7(int k, float[] a, int a0, int ars, int aks, float[] b, int b0, int ldb, float[] c, int c0, int ldc,
      int d) {
    int o0 = c0, o1 = c0 + ldc;
    FloatVector c00 = ld(c, o0), c01 = ld(c, o0 + L), c02 = ld(c, o0 + 2 * L), c03 = ld(c, o0 + 3 * L),
        c04 = ld(c, o0 + 4 * L), c05 = ld(c, o0 + 5 * L), c06 = ld(c, o0 + 5 * L + d);
    FloatVector c10 = ld(c, o1), c11 = ld(c, o1 + L), c12 = ld(c, o1 + 2 * L), c13 = ld(c, o1 + 3 * L),
        c14 = ld(c, o1 + 4 * L), c15 = ld(c, o1 + 5 * L), c16 = ld(c, o1 + 5 * L + d);
    for (int kk = 0; kk < k; kk++) {
      int bk = b0 + kk * ldb, ak = a0 + kk * aks;
      FloatVector w0 = ld(b, bk), w1 = ld(b, bk + L), w2 = ld(b, bk + 2 * L), w3 = ld(b, bk + 3 * L),
          w4 = ld(b, bk + 4 * L), w5 = ld(b, bk + 5 * L), w6 = ld(b, bk + 5 * L + d);
      FloatVector x = FloatVector.broadcast(S, a[ak]);
      c00 = x.fma(w0, c00); c01 = x.fma(w1, c01); c02 = x.fma(w2, c02); c03 = x.fma(w3, c03);
      c04 = x.fma(w4, c04); c05 = x.fma(w5, c05); c06 = x.fma(w6, c06);
      x = FloatVector.broadcast(S, a[ak + ars]);
      c10 = x.fma(w0, c10); c11 = x.fma(w1, c11); c12 = x.fma(w2, c12); c13 = x.fma(w3, c13);
      c14 = x.fma(w4, c14); c15 = x.fma(w5, c15); c16 = x.fma(w6, c16);
    }
    c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c02.intoArray(c, o0 + 2 * L); c03.intoArray(c, o0 + 3 * L);
    c04.intoArray(c, o0 + 4 * L); c05.intoArray(c, o0 + 5 * L); c06.intoArray(c, o0 + 5 * L + d);
    c10.intoArray(c, o1); c11.intoArray(c, o1 + L); c12.intoArray(c, o1 + 2 * L); c13.intoArray(c, o1 + 3 * L);
    c14.intoArray(c, o1 + 4 * L); c15.intoArray(c, o1 + 5 * L); c16.intoArray(c, o1 + 5 * L + d);
  }

  private static void smallGemm1x7(int k, float[] a, int a0, int aks, float[] b, int b0, int ldb, float[] c, int c0, int d) {
    int o0 = c0;
    FloatVector c00 = ld(c, o0), c01 = ld(c, o0 + L), c02 = ld(c, o0 + 2 * L), c03 = ld(c, o0 + 3 * L),
        c04 = ld(c, o0 + 4 * L), c05 = ld(c, o0 + 5 * L), c06 = ld(c, o0 + 5 * L + d);
    for (int kk = 0; kk < k; kk++) {
      int bk = b0 + kk * ldb, ak = a0 + kk * aks;
      FloatVector w0 = ld(b, bk), w1 = ld(b, bk + L), w2 = ld(b, bk + 2 * L), w3 = ld(b, bk + 3 * L),
          w4 = ld(b, bk + 4 * L), w5 = ld(b, bk + 5 * L), w6 = ld(b, bk + 5 * L + d);
      FloatVector x = FloatVector.broadcast(S, a[ak]);
      c00 = x.fma(w0, c00); c01 = x.fma(w1, c01); c02 = x.fma(w2, c02); c03 = x.fma(w3, c03);
      c04 = x.fma(w4, c04); c05 = x.fma(w5, c05); c06 = x.fma(w6, c06);
    }
    c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c02.intoArray(c, o0 + 2 * L); c03.intoArray(c, o0 + 3 * L);
    c04.intoArray(c, o0 + 4 * L); c05.intoArray(c, o0 + 5 * L); c06.intoArray(c, o0 + 5 * L + d);
  }

  /** Columns [j, j + L) and [j + d, j + d + L) of every row (d = L, or d &lt; L for the overlapping tail window). */
  private static void columnPair(int m, int m4, int k, float[] a, int aOff, int ars, int aks, float[] b, int bOff, int ldb, float[] c,
      int cOff, int ldc, boolean relu, int j, int d) {
    for (int i = 0; i < m4; i += 4) smallGemm4x2(k, a, aOff + i * ars, ars, aks, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, relu, d);
    for (int i = m4; i < m; i++) smallGemm1x2(k, a, aOff + i * ars, aks, b, bOff + j, ldb, c, cOff + i * ldc + j, relu, d);
  }

  private static void smallGemm4x2(int k, float[] a, int a0, int ars, int aks, float[] b, int b0, int ldb, float[] c, int c0,
      int ldc, boolean relu, int d) {
    int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
    FloatVector r00 = FloatVector.fromArray(S, c, c0), r01 = FloatVector.fromArray(S, c, c0 + d);
    FloatVector r10 = FloatVector.fromArray(S, c, c1), r11 = FloatVector.fromArray(S, c, c1 + d);
    FloatVector r20 = FloatVector.fromArray(S, c, c2), r21 = FloatVector.fromArray(S, c, c2 + d);
    FloatVector r30 = FloatVector.fromArray(S, c, c3), r31 = FloatVector.fromArray(S, c, c3 + d);
    for (int kk = 0; kk < k; kk++) {
      int bk = b0 + kk * ldb;
      int ak = a0 + kk * aks;
      FloatVector v0 = FloatVector.fromArray(S, b, bk), v1 = FloatVector.fromArray(S, b, bk + d);
      FloatVector x = FloatVector.broadcast(S, a[ak]);
      r00 = x.fma(v0, r00);
      r01 = x.fma(v1, r01);
      x = FloatVector.broadcast(S, a[ak + ars]);
      r10 = x.fma(v0, r10);
      r11 = x.fma(v1, r11);
      x = FloatVector.broadcast(S, a[ak + 2 * ars]);
      r20 = x.fma(v0, r20);
      r21 = x.fma(v1, r21);
      x = FloatVector.broadcast(S, a[ak + 3 * ars]);
      r30 = x.fma(v0, r30);
      r31 = x.fma(v1, r31);
    }
    if (relu) {
      r00 = r00.max(0f); r01 = r01.max(0f); r10 = r10.max(0f); r11 = r11.max(0f);
      r20 = r20.max(0f); r21 = r21.max(0f); r30 = r30.max(0f); r31 = r31.max(0f);
    }
    r00.intoArray(c, c0); r01.intoArray(c, c0 + d);
    r10.intoArray(c, c1); r11.intoArray(c, c1 + d);
    r20.intoArray(c, c2); r21.intoArray(c, c2 + d);
    r30.intoArray(c, c3); r31.intoArray(c, c3 + d);
  }

  private static void smallGemm1x2(int k, float[] a, int a0, int aks, float[] b, int b0, int ldb, float[] c, int c0, boolean relu,
      int d) {
    FloatVector r0 = FloatVector.fromArray(S, c, c0), r1 = FloatVector.fromArray(S, c, c0 + d);
    for (int kk = 0; kk < k; kk++) {
      int bk = b0 + kk * ldb;
      FloatVector x = FloatVector.broadcast(S, a[a0 + kk * aks]);
      r0 = x.fma(FloatVector.fromArray(S, b, bk), r0);
      r1 = x.fma(FloatVector.fromArray(S, b, bk + d), r1);
    }
    if (relu) {
      r0 = r0.max(0f);
      r1 = r1.max(0f);
    }
    r0.intoArray(c, c0);
    r1.intoArray(c, c0 + d);
  }

  private static void smallGemm4x1(int k, float[] a, int a0, int ars, int aks, float[] b, int b0, int ldb, float[] c, int c0, int ldc,
      boolean relu) {
    int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
    FloatVector r0 = FloatVector.fromArray(S, c, c0), r1 = FloatVector.fromArray(S, c, c1);
    FloatVector r2 = FloatVector.fromArray(S, c, c2), r3 = FloatVector.fromArray(S, c, c3);
    for (int kk = 0; kk < k; kk++) {
      int ak = a0 + kk * aks;
      FloatVector v = FloatVector.fromArray(S, b, b0 + kk * ldb);
      r0 = FloatVector.broadcast(S, a[ak]).fma(v, r0);
      r1 = FloatVector.broadcast(S, a[ak + ars]).fma(v, r1);
      r2 = FloatVector.broadcast(S, a[ak + 2 * ars]).fma(v, r2);
      r3 = FloatVector.broadcast(S, a[ak + 3 * ars]).fma(v, r3);
    }
    if (relu) {
      r0 = r0.max(0f); r1 = r1.max(0f); r2 = r2.max(0f); r3 = r3.max(0f);
    }
    r0.intoArray(c, c0); r1.intoArray(c, c1); r2.intoArray(c, c2); r3.intoArray(c, c3);
  }

  private static void smallGemm1x1(int k, float[] a, int a0, int aks, float[] b, int b0, int ldb, float[] c, int c0, boolean relu) {
    FloatVector acc = FloatVector.fromArray(S, c, c0);
    for (int kk = 0; kk < k; kk++) {
      acc = FloatVector.broadcast(S, a[a0 + kk * aks]).fma(FloatVector.fromArray(S, b, b0 + kk * ldb), acc);
    }
    if (relu) acc = acc.max(0f);
    acc.intoArray(c, c0);
  }

  /** Columns j0 … n−1 of one row of C, scalar, with Math.fma like the vector lanes. */
  private static void smallGemmScalar(int j0, int n, int k, float[] a, int a0, int aks, float[] b, int b0, int ldb, float[] c,
      int c0, boolean relu) {
    for (int j = j0; j < n; j++) {
      float acc = c[c0 + j];
      for (int kk = 0; kk < k; kk++) acc = Math.fma(a[a0 + kk * aks], b[b0 + kk * ldb + j], acc);
      c[c0 + j] = relu ? Math.max(acc, 0f) : acc;
    }
  }

  // addRows: four vectors of y held in registers over all rows (four independent add chains), each row's
  // term a multiply then an add as in the scalar loop; leftover vectors one at a time; a tail of n mod LD
  // doubles as the window [n − LD, n) paired with the last full vector, both loaded before either is
  // stored (the overlapping lanes get the same sums in both, as in smallGemm); scalar lanes only for n < LD.

  private static final VectorSpecies<Double> SD = VectorSpecies.of(double.class, S.vectorShape());
  private static final int LD = SD.length();

  /**
   * Rows of x per pass of {@link #addRows} over y when x is larger than {@link #ADD_ROWS_PANEL_BYTES}: y
   * is loaded and stored once per block of rows, and the block's rows are read front to back (a few
   * sequential streams), where a column strip of all rows would jump by the row stride (8 KiB at
   * H = 1024, a power of two) and miss in cache and TLB on every row. Each y[i] still sums its rows in
   * increasing order, so the bits do not change.
   */
  private static final int ADD_ROWS_BLOCK = 8;
  /** Size of x (count·xStride doubles) up to which {@link #addRows} keeps y in registers over all rows. */
  private static final long ADD_ROWS_PANEL_BYTES = 256 * 1024;

  @Override public void addRows(int count, double[] coef, int cOff, int cStride, double[] x, int xOff, int xStride, double[] y,
      int yOff, int n) {
    if ((long) count * xStride * Double.BYTES <= ADD_ROWS_PANEL_BYTES) {
      addRowsPanel(count, coef, cOff, cStride, x, xOff, xStride, y, yOff, n);
      return;
    }
    for (int r0 = 0; r0 < count; r0 += ADD_ROWS_BLOCK) {
      addRowsPanel(Math.min(ADD_ROWS_BLOCK, count - r0), coef, cOff + r0 * cStride, cStride, x, xOff + r0 * xStride, xStride, y, yOff, n);
    }
  }

  /** {@link #addRows} with y kept in registers over all {@code count} rows, column block by column block. */
  private static void addRowsPanel(int count, double[] coef, int cOff, int cStride, double[] x, int xOff, int xStride, double[] y,
      int yOff, int n) {
    if (n < LD) {
      for (int i = 0; i < n; i++) {
        double acc = y[yOff + i];
        for (int r = 0; r < count; r++) acc += coef[cOff + r * cStride] * x[xOff + r * xStride + i];
        y[yOff + i] = acc;
      }
      return;
    }
    int tail = n % LD;
    int main = tail == 0 ? n : n - tail - LD;
    int i = 0;
    for (; i + 4 * LD <= main; i += 4 * LD) {
      int yi = yOff + i;
      DoubleVector y0 = DoubleVector.fromArray(SD, y, yi), y1 = DoubleVector.fromArray(SD, y, yi + LD);
      DoubleVector y2 = DoubleVector.fromArray(SD, y, yi + 2 * LD), y3 = DoubleVector.fromArray(SD, y, yi + 3 * LD);
      for (int r = 0; r < count; r++) {
        DoubleVector a = DoubleVector.broadcast(SD, coef[cOff + r * cStride]);
        int o = xOff + r * xStride + i;
        y0 = y0.add(a.mul(DoubleVector.fromArray(SD, x, o)));
        y1 = y1.add(a.mul(DoubleVector.fromArray(SD, x, o + LD)));
        y2 = y2.add(a.mul(DoubleVector.fromArray(SD, x, o + 2 * LD)));
        y3 = y3.add(a.mul(DoubleVector.fromArray(SD, x, o + 3 * LD)));
      }
      y0.intoArray(y, yi);
      y1.intoArray(y, yi + LD);
      y2.intoArray(y, yi + 2 * LD);
      y3.intoArray(y, yi + 3 * LD);
    }
    for (; i + LD <= main; i += LD) {
      DoubleVector acc = DoubleVector.fromArray(SD, y, yOff + i);
      for (int r = 0; r < count; r++) {
        acc = acc.add(DoubleVector.broadcast(SD, coef[cOff + r * cStride]).mul(DoubleVector.fromArray(SD, x, xOff + r * xStride + i)));
      }
      acc.intoArray(y, yOff + i);
    }
    if (tail != 0) {
      int d = n - LD - i;
      int yi = yOff + i;
      DoubleVector y0 = DoubleVector.fromArray(SD, y, yi), y1 = DoubleVector.fromArray(SD, y, yi + d);
      for (int r = 0; r < count; r++) {
        DoubleVector a = DoubleVector.broadcast(SD, coef[cOff + r * cStride]);
        int o = xOff + r * xStride + i;
        y0 = y0.add(a.mul(DoubleVector.fromArray(SD, x, o)));
        y1 = y1.add(a.mul(DoubleVector.fromArray(SD, x, o + d)));
      }
      y0.intoArray(y, yi);
      y1.intoArray(y, yi + d);
    }
  }

  // addSquaredRows: addRows with x read as floats and squared in double (exact), in the same order: LD
  // floats per window widened to one double vector, squared, times the row's coefficient, added; the same
  // blocks, tail windows and scalar lanes. Before JDK 25 the window is the low half (part 0) of a float
  // vector of the kernels' own species S, read up to LD floats past a row's n values (rows whose windows would
  // leave the array are added value by value after the others): a half-width float species there gave
  // JDK 17's C2 two vector classes at the Vector API's shared call sites, and it then compiled later kernels
  // without their intrinsics (docs/architecture.md, "One float vector width per JVM"). JDK 25 does not, and
  // there the half-width load is faster (RNN-Path's double pass at H = 1024: its forward 8%).

  /**
   * The float species of the windows: before JDK 25 the kernels' own S (its low LD lanes used), from JDK 25 on LD
   * lanes (half {@link #SD}'s width), widened lane for lane to doubles.
   */
  private static final VectorSpecies<Float> WINDOW = Runtime.version().feature() < 25 ? S
      : VectorSpecies.of(float.class, VectorShape.forBitSize(SD.vectorBitSize() / 2));
  /** Floats a window reads past its LD values. */
  private static final int OVERRUN = WINDOW.length() - LD;

  /** w[o … o + LD) squared in double: the low LD lanes of the window at o (all of it inside w). */
  private static DoubleVector squared(float[] w, int o) {
    DoubleVector v = (DoubleVector) FloatVector.fromArray(WINDOW, w, o).convertShape(VectorOperators.F2D, SD, 0);
    return v.mul(v);
  }

  @Override public void addSquaredRows(int count, double[] coef, int cOff, int cStride, float[] w, int wOff, int wStride, double[] y,
      int yOff, int n) {
    if ((long) count * wStride * Float.BYTES <= ADD_ROWS_PANEL_BYTES) {
      addSquaredRowsPanel(count, coef, cOff, cStride, w, wOff, wStride, y, yOff, n);
      return;
    }
    for (int r0 = 0; r0 < count; r0 += ADD_ROWS_BLOCK) {
      addSquaredRowsPanel(Math.min(ADD_ROWS_BLOCK, count - r0), coef, cOff + r0 * cStride, cStride, w, wOff + r0 * wStride, wStride,
          y, yOff, n);
    }
  }

  /**
   * {@link #addSquaredRows} over one panel of rows: those whose windows stay inside w in vectors, the rest (at most
   * the last, before JDK 25) value by value after them.
   */
  private static void addSquaredRowsPanel(int count, double[] coef, int cOff, int cStride, float[] w, int wOff, int wStride,
      double[] y, int yOff, int n) {
    int rows = n < LD ? 0 : rowsInsideWindows(count, w.length, wOff, wStride, n);
    if (rows > 0) addSquaredRowsWindows(rows, coef, cOff, cStride, w, wOff, wStride, y, yOff, n);
    if (rows == count) return;
    // the same sums lane by lane, in the same row order: (v·v, exact) times the coefficient, added
    for (int i = 0; i < n; i++) {
      double acc = y[yOff + i];
      for (int r = rows; r < count; r++) {
        double v = w[wOff + r * wStride + i];
        acc += coef[cOff + r * cStride] * (v * v);
      }
      y[yOff + i] = acc;
    }
  }

  /** The first rows whose windows (up to OVERRUN floats past each row's n values) stay inside an array of wLength. */
  private static int rowsInsideWindows(int count, int wLength, int wOff, int wStride, int n) {
    if (count == 0) return 0;
    if ((long) wOff + (long) (count - 1) * wStride + n + OVERRUN <= wLength) return count;
    return wStride >= OVERRUN ? count - 1 : 0; // a row's overrun then lies within the next row's values
  }

  /** The vector part: y kept in registers over all {@code count} rows, as {@link #addRowsPanel}. */
  private static void addSquaredRowsWindows(int count, double[] coef, int cOff, int cStride, float[] w, int wOff, int wStride,
      double[] y, int yOff, int n) {
    int tail = n % LD;
    int main = tail == 0 ? n : n - tail - LD;
    int i = 0;
    for (; i + 4 * LD <= main; i += 4 * LD) {
      int yi = yOff + i;
      DoubleVector y0 = DoubleVector.fromArray(SD, y, yi), y1 = DoubleVector.fromArray(SD, y, yi + LD);
      DoubleVector y2 = DoubleVector.fromArray(SD, y, yi + 2 * LD), y3 = DoubleVector.fromArray(SD, y, yi + 3 * LD);
      for (int r = 0; r < count; r++) {
        DoubleVector a = DoubleVector.broadcast(SD, coef[cOff + r * cStride]);
        int o = wOff + r * wStride + i;
        y0 = y0.add(a.mul(squared(w, o)));
        y1 = y1.add(a.mul(squared(w, o + LD)));
        y2 = y2.add(a.mul(squared(w, o + 2 * LD)));
        y3 = y3.add(a.mul(squared(w, o + 3 * LD)));
      }
      y0.intoArray(y, yi);
      y1.intoArray(y, yi + LD);
      y2.intoArray(y, yi + 2 * LD);
      y3.intoArray(y, yi + 3 * LD);
    }
    for (; i + LD <= main; i += LD) {
      DoubleVector acc = DoubleVector.fromArray(SD, y, yOff + i);
      for (int r = 0; r < count; r++) {
        acc = acc.add(DoubleVector.broadcast(SD, coef[cOff + r * cStride]).mul(squared(w, wOff + r * wStride + i)));
      }
      acc.intoArray(y, yOff + i);
    }
    if (tail != 0) {
      int d = n - LD - i;
      int yi = yOff + i;
      DoubleVector y0 = DoubleVector.fromArray(SD, y, yi), y1 = DoubleVector.fromArray(SD, y, yi + d);
      for (int r = 0; r < count; r++) {
        DoubleVector a = DoubleVector.broadcast(SD, coef[cOff + r * cStride]);
        int o = wOff + r * wStride + i;
        y0 = y0.add(a.mul(squared(w, o)));
        y1 = y1.add(a.mul(squared(w, o + d)));
      }
      y0.intoArray(y, yi);
      y1.intoArray(y, yi + d);
    }
  }
}
