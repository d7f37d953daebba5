package org.pathnorm.simd;

/**
 * The element-wise and reduction operations that layers, optimisers and measures are written with.
 *
 * <p>Conventions: arrays are flat {@code float[]} with an explicit offset per argument; outputs come
 * last; no method allocates. Reductions that decide an answer (sums, norms) are returned in
 * {@code double}. Two implementations exist: {@link ScalarKernels} (plain Java, always available)
 * and {@code PanamaKernels} (the JDK Vector API, loaded only when {@code jdk.incubator.vector} is
 * readable). {@link KernelSelection#kernels()} returns the one chosen at start-up.
 */
public interface Kernels {

  /** Human-readable description, e.g. {@code panama (512-bit)} or {@code scalar (…reason…)}. */
  String description();

  /**
   * What was chosen for this machine, for {@code pathnorm --version}: the vector species and why,
   * and the GEMM micro-kernel tile. Defaults to {@link #description()}.
   */
  default String choices() {
    return description();
  }

  /** Short name: {@code panama} or {@code scalar}. */
  String name();

  /** Width of the SIMD registers used, in bits; 32 for the scalar implementation. */
  int vectorBits();

  /** The register-tiled GEMM micro-kernel and packing routines matching this implementation. */
  GemmKernel gemmKernel();

  /** y ← y + α·x over n elements (BLAS saxpy). */
  void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

  /** x ← α·x over n elements, in place. */
  void scale(float alpha, float[] x, int xOff, int n);

  /** y ← x ∘ y (element-wise product) over n elements. */
  void mul(float[] x, int xOff, float[] y, int yOff, int n);

  /**
   * m[r, :] ← m[r, :] + v for every row r of a row-major {@code rows × cols} matrix with leading
   * dimension {@code ld} (a bias added to every sample of a mini-batch).
   */
  void addRowVector(float[] v, int vOff, float[] m, int mOff, int rows, int cols, int ld);

  /**
   * out[c] ← out[c] + Σ_r m[r, c] for a row-major {@code rows × cols} matrix (the bias gradient of a
   * mini-batch); sums over rows in order r = 0, 1, … so the result does not depend on threads.
   */
  void addColumnSums(float[] m, int mOff, int rows, int cols, int ld, float[] out, int outOff);

  /**
   * x[i] ← e^{x[i]} for x[i] ≤ 0 over n elements, in double to within 2 ulps of {@link Math#exp} (the exponentials
   * of a softmax with its row maximum subtracted; docs/algorithms.md §1.3): x &gt; 0 is taken as 0, and below
   * −708.3964, where e^x is under the smallest normal double, the result is 0. Both implementations give the same bits.
   */
  void expNonPositive(double[] x, int off, int n);

  /**
   * dst[i] ← (src[i] &amp; 0xff) / 255 over n elements, rounded exactly as the float division {@code v / 255f}
   * rounds it: unsigned 8-bit pixels as features in [0, 1] (docs/architecture.md, "Pixels kept as bytes").
   */
  void unitBytesToFloats(byte[] src, int srcOff, float[] dst, int dstOff, int n);

  /** y ← max(x, 0) (ReLU; NaN propagates) over n elements; x and y may be the same array. */
  void relu(float[] x, int xOff, float[] y, int yOff, int n);

  /**
   * grad ← grad ∘ 1[activation &gt; 0]: the ReLU backward pass, given the ReLU's output (or its
   * input: both are positive at the same places).
   */
  void reluBackward(float[] activation, int aOff, float[] grad, int gOff, int n);

  /** y ← x ∘ x over n elements. */
  void square(float[] x, int xOff, float[] y, int yOff, int n);

  /** Returns Σ_i x[i] (double result). */
  double sum(float[] x, int xOff, int n);

  /** Returns Σ_i x[i]² (double result). */
  double sumSquares(float[] x, int xOff, int n);

  /** Returns max_i x[i]; −∞ for n = 0; NaN if any element is NaN. */
  float max(float[] x, int xOff, int n);

  /**
   * One fused SGD update over n parameters (one pass over memory), docs/algorithms.md §3.1 classical momentum:
   * with d = g + λ·w, if {@code v == null}: w ← w − η·d; else v ← μ·v − η·d and w ← w + v.
   */
  void sgdStep(float[] w, float[] g, float[] v, int off, int n, float lr, float momentum, float weightDecay);

  /**
   * {@link #sgdStep(float[], float[], float[], int, int, float, float, float) sgdStep} on w[wOff, wOff + n) and
   * v[wOff, wOff + n) with their gradient at g[gOff, gOff + n): the same operations, so the same bits, for a
   * gradient that is not laid out like the parameters (a row of a weight gradient handed over by the GEMM
   * that computes it, {@code linalg.RowSink}).
   */
  void sgdStep(float[] w, int wOff, float[] g, int gOff, float[] v, int n, float lr, float momentum, float weightDecay);

  /** AdaGrad (docs/algorithms.md §3.6): G ← G + g∘g; w ← w − η·g ⊘ (√G + ε). */
  void adagradStep(float[] w, float[] g, float[] accumulator, int off, int n, float lr, float eps);

  /**
   * Adam: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g∘g; w ← w − η·(m/c₁) ⊘ (√(v/c₂) + ε), with the bias
   * corrections c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ given by the caller.
   */
  void adamStep(float[] w, float[] g, float[] m, float[] v, int off, int n, float lr, float beta1, float beta2,
      float eps, float correction1, float correction2);

  /** Returns Σ_i w[i]²·x[i] (one row of (W∘W)·x, the forward pass of Path-SGD's γ_in², docs/algorithms.md §3.2). */
  float dotSquared(float[] w, int wOff, float[] x, int xOff, int n);

  /** y ← y + a·(w∘w) (one row's share of (W∘W)ᵀ·g, the backward pass of Path-SGD's γ_out²). */
  void axpySquared(float a, float[] w, int wOff, float[] y, int yOff, int n);

  /**
   * (W∘W)·x over the rows of a row-major W [rows × n] (leading dimension ld): y[yOff + r] +=
   * {@link #dotSquared}(w, wOff + r·ld, x, xOff, n) for r &lt; rows, the same bits as those calls, with
   * several rows per pass over x. The forward chain of RNN-Path's pass in float (docs/algorithms.md §3.4).
   */
  void addSquaredMatVec(int rows, int n, float[] w, int wOff, int ld, float[] x, int xOff, float[] y, int yOff);

  /**
   * (W∘W)ᵀ·c along the rows of a row-major W [rows × n] (leading dimension ld): for r = 0 … rows−1 in
   * turn, y[yOff + i] ← fma(w_ri², c[cOff + r], y[yOff + i]) for i &lt; n, w_ri = w[wOff + r·ld + i] and
   * w_ri² rounded to float. Every element gets the same sequence of fused multiply-adds on every
   * implementation, so all give the same bits. The adjoint chain of RNN-Path's pass in float
   * (docs/algorithms.md §3.4); y must not overlap w or the coefficients.
   */
  void addSquaredMatTVec(int rows, int n, float[] c, int cOff, float[] w, int wOff, int ld, float[] y, int yOff);

  /**
   * One fused Path-SGD update of n parameters whose inverse preconditioner is κ_k⁻¹ = s·r[k] (a row of
   * the outer product of the reciprocals of γ_out² and γ_in², docs/algorithms.md §3.2, never stored): with
   * d = g·(s·r[k]), w ← w − η·d, or with a velocity v ← μv − η·d and w ← w + v. Multiplying by
   * reciprocals instead of dividing by κ keeps the update at the cost of plain SGD's.
   */
  void pathSgdStep(float[] w, float[] g, float[] v, int off, int n, float lr, float momentum, float s,
      float[] r, int rOff);

  /**
   * {@link #pathSgdStep} on n parameters of each of {@code rows} ≤ 4 rows of a row-major matrix, row q
   * at w[off + q·ld] (and g, v alike) with κ⁻¹_k = s[j0 + q]·r[rOff + k]; then from the updated weights
   * w′_q, while they are still in registers: y[yOff + k] ← y[yOff + k] + a[j0 + q]·w′_qk² for q = 0, 1, …
   * in turn ({@link #axpySquared}) when y is not null, and sums[q] = Σ_k w′_qk²·x[xOff + k]
   * ({@link #dotSquared}, its order) when x is not null. The same bits as those calls, row after row.
   * Path-SGD's update of a few rows fused with their shares of the next step's γ_out² and γ_in²
   * (docs/algorithms.md §3.2): the weights are read once, and y, x and r once for all the rows.
   */
  default void pathSgdRowsSquared(int rows, float[] w, float[] g, float[] v, int off, int ld, int n, float lr, float momentum,
      float[] s, float[] a, int j0, float[] r, int rOff, float[] y, int yOff, float[] x, int xOff, float[] sums) {
    pathSgdRowsSquared(rows, w, g, 0, v, off, ld, n, lr, momentum, s, a, j0, r, rOff, y, yOff, x, xOff, sums);
  }

  /**
   * {@link #pathSgdRowsSquared(int, float[], float[], float[], int, int, int, float, float, float[], float[], int,
   * float[], int, float[], int, float[], int, float[]) pathSgdRowsSquared} with the gradient of w[i] at
   * g[i + gShift] (a row of a weight gradient as the GEMM hands it over, docs/architecture.md "The update
   * inside the weight gradient"); the same bits.
   */
  void pathSgdRowsSquared(int rows, float[] w, float[] g, int gShift, float[] v, int off, int ld, int n, float lr,
      float momentum, float[] s, float[] a, int j0, float[] r, int rOff, float[] y, int yOff, float[] x, int xOff,
      float[] sums);

  /**
   * Returns the index (relative to {@code xOff}) of the first maximal element; the first NaN wins
   * if any element is NaN; −1 for n = 0.
   */
  int argmax(float[] x, int xOff, int n);

  /**
   * A block of rows' share of z = WᵀW·v in a single pass over the block: for each row r of the
   * row-major block W [rows × n] (leading dimension ld), y[r] = W_r·v (float lanes), and
   * z ← z + Σ_r y[r]·W_r. Rows are taken two at a time so that each pair is read from memory once
   * and stays in cache between its two loops, and z is read and written once per pair. The
   * spectral-norm Lanczos iteration (linalg.GramOperator) calls it on fixed row chunks, so W is read
   * from memory once per product with WᵀW.
   */
  void gramRows(float[] w, int wOff, int ld, int rows, float[] v, int vOff, float[] z, int zOff, int n, float[] y, int yOff);

  /**
   * The small-matrix product of a recurrent step (docs/algorithms.md §1.4): C[m×n] ← C + A·B, then
   * C ← max(C, 0) if {@code relu}, with A [m × k] (leading dimension lda), B [k × n] (ldb) and C
   * (ldc) row-major and B read in place (no packing: at n = k ≈ 100 packing costs more than it saves).
   * Each C element is accumulated over k in increasing order.
   */
  void smallGemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
      boolean relu);

  /**
   * The weight-gradient product of back-propagation through time (docs/algorithms.md §1.4):
   * C[m×n] ← (accumulate ? C : 0) + Aᵀ·B, i.e. C[i, j] += Σ_kk A[kk, i]·B[kk, j], with A [k × m]
   * (leading dimension lda), B [k × n] (ldb) and C (ldc) row-major and read in place. Used with k =
   * T·batch (all time steps at once) and m, n ≈ H, where the packed GEMM's transposing of A costs more
   * than the product. Each C element is accumulated over kk in increasing order.
   */
  void smallGemmTn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
      boolean accumulate);

  /**
   * The row sums of the path-norm pass of a recurrent layer (docs/algorithms.md §3.4), in double:
   * y[yOff + i] += Σ_{r &lt; count} coef[cOff + r·cStride]·x[xOff + r·xStride + i] for i &lt; n, each term a
   * product then a sum (no fused multiply-add), added in increasing r, so every implementation gives the
   * same bits as the plain loop. y must not overlap x or the coefficients it reads.
   */
  void addRows(int count, double[] coef, int cOff, int cStride, double[] x, int xOff, int xStride, double[] y, int yOff, int n);

  /**
   * {@link #addRows} over the squares of float rows (the recurrent path-norm pass at power 2,
   * docs/algorithms.md §3.4): y[yOff + i] += Σ_{r &lt; count} coef[cOff + r·cStride]·w_ri² with w_ri =
   * (double) w[wOff + r·wStride + i], for i &lt; n. A float's square is exact in double, so this gives the
   * same bits as {@link #addRows} over an array holding those squares (same products, same order) while
   * reading half the bytes. y must not overlap the coefficients it reads.
   */
  void addSquaredRows(int count, double[] coef, int cOff, int cStride, float[] w, int wOff, int wStride, double[] y, int yOff,
      int n);
}
