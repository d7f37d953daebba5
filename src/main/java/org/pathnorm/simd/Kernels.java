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

  /** Short name: {@code panama} or {@code scalar}. */
  String name();

  /** Width of the SIMD registers used, in bits; 32 for the scalar implementation. */
  int vectorBits();

  /** The register-tiled GEMM micro-kernel and packing routines matching this implementation. */
  GemmKernel gemmKernel();

  /** Returns Σ_i x[i]·y[i] over n elements (float accumulation in vector lanes). */
  float dot(float[] x, int xOff, float[] y, int yOff, int n);

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

  /** y ← max(x, 0) (ReLU; NaN propagates) over n elements; x and y may be the same array. */
  void relu(float[] x, int xOff, float[] y, int yOff, int n);

  /**
   * grad ← grad ∘ 1[activation &gt; 0]: the ReLU backward pass, given the ReLU's output (or its
   * input: both are positive at the same places).
   */
  void reluBackward(float[] activation, int aOff, float[] grad, int gOff, int n);

  /** y ← x ∘ x over n elements. */
  void square(float[] x, int xOff, float[] y, int yOff, int n);

  /** y ← |x|^p over n elements; p = 1 and p = 2 take exact fast paths. Requires p &gt; 0. */
  void absPow(float[] x, int xOff, float p, float[] y, int yOff, int n);

  /** Returns Σ_i x[i] (double result). */
  double sum(float[] x, int xOff, int n);

  /** Returns Σ_i x[i]² (double result). */
  double sumSquares(float[] x, int xOff, int n);

  /** Returns max_i |x[i]|; 0 for n = 0; NaN if any element is NaN. */
  float maxAbs(float[] x, int xOff, int n);

  /** Returns max_i x[i]; −∞ for n = 0; NaN if any element is NaN. */
  float max(float[] x, int xOff, int n);

  /**
   * Returns the index (relative to {@code xOff}) of the first maximal element; the first NaN wins
   * if any element is NaN; −1 for n = 0.
   */
  int argmax(float[] x, int xOff, int n);
}
