package org.pathnorm.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.PackedMatrix;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * One recurrent layer, PyTorch's {@code nn.RNN(nonlinearity='relu'|'tanh', batch_first=True)} for one
 * layer index (docs/algorithms.md §1.4): for t = 1 … T, with h₀ = 0,
 *
 * <pre>  h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)</pre>
 *
 * A sample is x [T × D] row-major (inputSize = T·D); the output is h_T [H] ({@link Output#LAST_STEP})
 * or h_1 … h_T [T × H] ({@link Output#EVERY_STEP}). The slice holds, in PyTorch's {@code state_dict}
 * order, {@code weight_ih_l<i>} [H, D], {@code weight_hh_l<i>} [H, H], {@code bias_ih_l<i>} [H],
 * {@code bias_hh_l<i>} [H], where i is the PyTorch layer index of a stacked {@code nn.RNN}.
 *
 * <p>Training passes work time-major: the input projection of all steps is one GEMM
 * (batch·T × D times W_ihᵀ, both biases in its epilogue; for D ≤ {@link #SMALL_INPUT} it is computed step by
 * step, just before the step that adds to it), then each step adds h_{t−1}·W_hhᵀ with the
 * register-blocked small-matrix product {@link Kernels#smallGemm} (ReLU fused), or, above
 * {@link #PACKED_HIDDEN} hidden units, the packed GEMM on W_hhᵀ packed once per pass
 * ({@link Gemm#pack}). Back-propagation
 * through time runs in reverse with the activation's derivative applied per step; dW_hh, dW_ih and dX
 * are one GEMM each over all steps.
 *
 * <p>With {@link #resetState carrying} on, a pass starts from the h_T its cache kept from the previous pass
 * instead of h₀ = 0 (truncated BPTT over consecutive windows); gradients stop at that h₀.
 *
 * <p>The path-norm pass is the unrolled network over T steps (bias paths at every step) with the
 * gradients summed over the time copies of each shared weight, so {@link PathNormPass#kappa} gives
 * RNN-Path's κ⁽¹⁾ (docs/algorithms.md §3.4); {@link #secondOrderKappa} gives κ⁽²⁾.
 */
public final class Recurrent implements Layer {

  /** The nonlinearity act. */
  public enum Activation {
    /** max(z, 0): positively homogeneous, so node rescaling leaves the function unchanged. */
    RELU,
    /** tanh(z): the E8 baseline; not rescaling-invariant. */
    TANH;

    /** Parses {@code relu|tanh}. */
    public static Activation parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--activation: expected relu or tanh, got '" + s + "'");
      }
    }
  }

  /** Which hidden states the layer outputs. */
  public enum Output {
    /** h_T only [H]: a read-out at the last step (addition task, sequential MNIST). */
    LAST_STEP,
    /** h_1 … h_T [T × H]: a read-out at every step (language models). */
    EVERY_STEP
  }

  private final int steps;
  private final int in;
  private final int hidden;
  private final Activation activation;
  private final Output output;
  private final int index;

  /**
   * @param steps      T, the sequence length
   * @param in         D, inputs per step
   * @param hidden     H, hidden units
   * @param index      the PyTorch layer index (0 for the first layer of a stacked {@code nn.RNN})
   */
  public Recurrent(int steps, int in, int hidden, Activation activation, Output output, int index) {
    if (steps < 1 || in < 1 || hidden < 1) {
      throw new IllegalArgumentException("a recurrent layer needs T >= 1, D >= 1 and H >= 1, got T=" + steps + ", D=" + in + ", H=" + hidden);
    }
    if (index < 0) throw new IllegalArgumentException("recurrent layer index must be >= 0, got " + index);
    if ((long) steps * Math.max(in, hidden) > Integer.MAX_VALUE / 8) throw new IllegalArgumentException("sequence too long: T=" + steps);
    this.steps = steps;
    this.in = in;
    this.hidden = hidden;
    this.activation = activation;
    this.output = output;
    this.index = index;
  }

  public int steps() {
    return steps;
  }

  public int inputsPerStep() {
    return in;
  }

  public int hidden() {
    return hidden;
  }

  public Activation activation() {
    return activation;
  }

  public Output output() {
    return output;
  }

  /** Offset of W_hh in the slice. */
  public int recurrentWeightOffset() {
    return hidden * in;
  }

  /** Offset of b_ih in the slice (b_hh follows). */
  public int biasOffset() {
    return hidden * in + hidden * hidden;
  }

  @Override public int inputSize() {
    return steps * in;
  }

  @Override public int outputSize() {
    return output == Output.LAST_STEP ? hidden : steps * hidden;
  }

  @Override public int parameterCount() {
    return hidden * in + hidden * hidden + 2 * hidden;
  }

  /** T·(H·D + H·H): every weight is used once per time step. */
  @Override public long multiplyAddsPerSample() {
    return (long) steps * (hidden * in + hidden * hidden);
  }

  @Override public List<ParameterTensor> tensors() {
    String l = "_l" + index;
    int b = biasOffset();
    return List.of(new ParameterTensor("weight_ih" + l, 0, new int[] {hidden, in}),
        new ParameterTensor("weight_hh" + l, hidden * in, new int[] {hidden, hidden}),
        new ParameterTensor("bias_ih" + l, b, new int[] {hidden}),
        new ParameterTensor("bias_hh" + l, b + hidden, new int[] {hidden}));
  }

  /** Whether the activation is a ReLU (only then are its units rescalable without changing the function). */
  @Override public boolean relu() {
    return activation == Activation.RELU;
  }

  @Override public int units() {
    return hidden;
  }

  /** Per-workspace buffers, all time-major ([t][s][·]) for a mini-batch of up to maxBatch samples. */
  static final class Buffers implements Cache {
    final Kernels kernels;
    final Gemm gemm;
    /** The inputs, time-major [T × batch × D]. */
    final float[] xt;
    /** h_0 … h_T, [(T+1) × batch × H]; block 0 is h₀: zero, or the carried state. */
    final float[] hs;
    /** ∂L/∂z_t for t = 1 … T, [T × batch × H]. */
    final float[] dz;
    /** ∂L/∂x time-major [T × batch × D]. */
    final float[] dxt;
    /** W_hhᵀ [H × H], leading dimension {@link #ldw} (H ≤ {@link #PACKED_HIDDEN}, else empty). */
    final float[] whhT;
    /** W_hh [H × H], leading dimension {@link #ldw} (the backward step's B; H ≤ {@link #PACKED_HIDDEN}, else empty). */
    final float[] whh;
    /**
     * H &gt; {@link #PACKED_HIDDEN}: the step product's B packed for the GEMM once per pass, W_hhᵀ in the
     * forward pass and W_hh in the backward pass (the weights do not change during the T steps).
     */
    final PackedMatrix packed = new PackedMatrix();
    /**
     * H + 16: a row stride that is not a large power of two, so the rows of a column panel of W that the
     * step product walks down do not all fall into the same cache sets (at H = 1024 a 4 KiB stride kept
     * only a sliver of L1 and L2 usable and the panel came from L3 for every block of rows).
     */
    final int ldw;
    /** b_ih + b_hh, then the bias gradient's column sums. */
    final float[] bias;
    /** W_ihᵀ [D × H] in the forward pass, ∂L/∂W_ihᵀ in the backward pass (small D only, else empty). */
    final float[] wihT;
    /** The carried state (truncated BPTT): h_T of the previous pass, [maxBatch × H]; null unless carrying. */
    float[] state;

    Buffers(Recurrent r, int maxBatch, Kernels kernels, Gemm gemm) {
      this.kernels = kernels;
      this.gemm = gemm;
      int rows = Math.multiplyExact(maxBatch, r.steps);
      xt = new float[Math.multiplyExact(rows, r.in)];
      hs = new float[Math.multiplyExact(rows + maxBatch, r.hidden)];
      dz = new float[Math.multiplyExact(rows, r.hidden)];
      dxt = new float[xt.length];
      ldw = r.hidden + 16;
      int small = r.hidden <= PACKED_HIDDEN ? r.hidden * ldw : 0;
      whhT = new float[small];
      whh = new float[small];
      bias = new float[r.hidden];
      wihT = new float[r.in <= SMALL_INPUT ? r.in * r.hidden : 0];
    }
  }

  @Override public Cache newCache(int maxBatch, Kernels kernels, Gemm gemm) {
    return new Buffers(this, maxBatch, kernels, gemm);
  }

  // Truncated BPTT over consecutive windows (docs/algorithms.md §3.4): h₀ of a pass is h_T of the previous pass
  // through the same cache, row by row, a constant for back-propagation (dW_hh still sees it through h₀·dz₁ᵀ).

  /** H: a sample's carried state is its last hidden state. */
  @Override public int stateSize() {
    return hidden;
  }

  @Override public void resetState(Cache cache, boolean carry) {
    Buffers c = (Buffers) cache;
    if (!carry) {
      c.state = null;
      return;
    }
    int maxBatch = c.hs.length / ((steps + 1) * hidden);
    if (c.state == null) c.state = new float[maxBatch * hidden];
    Arrays.fill(c.state, 0f);
  }

  /** h₀ [batch × H] into block 0 of c.hs: the carried state, or 0. */
  private static void initialState(Buffers c, int bh) {
    if (c.state != null) {
      System.arraycopy(c.state, 0, c.hs, 0, bh);
    } else {
      Arrays.fill(c.hs, 0, bh, 0f);
    }
  }

  /** Keeps h_T [batch × H] for the next pass, when carrying. */
  private void keepState(Buffers c, int bh) {
    if (c.state != null) System.arraycopy(c.hs, steps * bh, c.state, 0, bh);
  }

  // Forward: x [batch × T × D] → y [batch × H] (last step) or [batch × T × H] (every step).
  @Override public void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
    Buffers c = (Buffers) cache;
    int bh = batch * hidden;
    int b = pOff + biasOffset();
    // time-major copy of the inputs (element by element for a few inputs per step: an arraycopy call per
    // 1 or 2 floats cost more than the copy)
    for (int s = 0; s < batch; s++) {
      if (in <= SHORT_COPY) {
        for (int t = 0, src = xOff + s * steps * in; t < steps; t++) {
          int dst = (t * batch + s) * in;
          for (int d = 0; d < in; d++) c.xt[dst + d] = x[src++];
        }
      } else {
        for (int t = 0; t < steps; t++) System.arraycopy(x, xOff + (s * steps + t) * in, c.xt, (t * batch + s) * in, in);
      }
    }
    for (int j = 0; j < hidden; j++) c.bias[j] = p[b + j] + p[b + hidden + j];
    boolean packed = hidden > PACKED_HIDDEN;
    if (packed) {
      // B(k, j) = W_hh[j, k]: W_hh as stored, packed transposed
      c.gemm.pack(c.packed, hidden, hidden, p, pOff + hidden * in, hidden, true);
    } else {
      for (int j = 0; j < hidden; j++) {
        for (int k = 0; k < hidden; k++) c.whhT[k * c.ldw + j] = p[pOff + hidden * in + j * hidden + k];
      }
    }
    initialState(c, bh);
    // small D: z_t projected just before step t, while it is in L1 for the step product (at T·batch·H
    // beyond the caches, a projection of all steps first went to memory and came back)
    boolean stepwise = in <= SMALL_INPUT;
    if (stepwise) transposeInputWeights(p, pOff, c);
    else inputProjection(p, pOff, batch, c);
    boolean relu = activation == Activation.RELU;
    boolean carried = c.state != null;
    for (int t = 1; t <= steps; t++) {
      int cur = t * bh;
      if (stepwise) smallInputProjection((t - 1) * batch, batch, bh, c);
      // h₀·W_hhᵀ is 0 unless the state is carried, so step 1 then only needs the activation;
      // z_t (the input projection, already in place) += h_{t−1}·W_hhᵀ, then the ReLU
      if (t > 1 || carried) {
        if (packed) c.gemm.ab(batch, hidden, hidden, c.hs, cur - bh, hidden, c.packed, c.hs, cur, hidden, true, relu);
        else c.kernels.smallGemm(batch, hidden, hidden, c.hs, cur - bh, hidden, c.whhT, 0, c.ldw, c.hs, cur, hidden, relu);
      } else if (relu) {
        c.kernels.relu(c.hs, cur, c.hs, cur, bh);
      }
      if (!relu) for (int i = cur; i < cur + bh; i++) c.hs[i] = (float) Math.tanh(c.hs[i]);
    }
    keepState(c, bh);
    if (output == Output.LAST_STEP) {
      System.arraycopy(c.hs, steps * bh, y, 0, bh);
    } else {
      for (int t = 0; t < steps; t++) {
        for (int s = 0; s < batch; s++) System.arraycopy(c.hs, ((t + 1) * batch + s) * hidden, y, (s * steps + t) * hidden, hidden);
      }
    }
  }

  // Backward through time: dY [batch × H] or [batch × T × H] → grad (W_ih, W_hh, b_ih, b_hh) and dX [batch × T × D].
  @Override public void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
      boolean accumulate, float[] dX, Cache cache) {
    Buffers c = (Buffers) cache;
    int bh = batch * hidden;
    // dz block t−1 holds ∂L/∂h_t from the output, then gains the recurrent term and the activation's derivative
    boolean lastStep = output == Output.LAST_STEP;
    if (lastStep) {
      // blocks 0 … T−2 start at 0: each is zeroed just before the step product that adds into it, in L1
      System.arraycopy(dY, 0, c.dz, (steps - 1) * bh, bh);
    } else {
      for (int t = 0; t < steps; t++) {
        for (int s = 0; s < batch; s++) System.arraycopy(dY, (s * steps + t) * hidden, c.dz, (t * batch + s) * hidden, hidden);
      }
    }
    boolean packed = hidden > PACKED_HIDDEN;
    if (packed) c.gemm.pack(c.packed, hidden, hidden, p, pOff + hidden * in, hidden, false);
    else for (int j = 0; j < hidden; j++) System.arraycopy(p, pOff + hidden * in + j * hidden, c.whh, j * c.ldw, hidden);
    for (int t = steps; t >= 1; t--) {
      int d = (t - 1) * bh;
      int h = t * bh;
      if (activation == Activation.RELU) {
        c.kernels.reluBackward(c.hs, h, c.dz, d, bh);
      } else {
        for (int i = 0; i < bh; i++) {
          float v = c.hs[h + i];
          c.dz[d + i] *= 1f - v * v;
        }
      }
      // ∂L/∂h_{t−1} += dz_t · W_hh; not for h₀, which is 0 or the carried state, a constant (truncated BPTT);
      // dW_hh still gets dz_1ᵀ·h₀ from block 0 of hs in weightGradients
      if (t > 1) {
        if (lastStep) Arrays.fill(c.dz, d - bh, d, 0f);
        if (packed) c.gemm.ab(batch, hidden, hidden, c.dz, d, hidden, c.packed, c.dz, d - bh, hidden, true, false);
        else c.kernels.smallGemm(batch, hidden, hidden, c.dz, d, hidden, c.whh, 0, c.ldw, c.dz, d - bh, hidden, false);
      }
    }
    int rows = steps * batch;
    int gb = gOff + biasOffset();
    weightGradients(batch, grad, gOff, accumulate, c);
    for (int j = 0; j < hidden; j++) {
      grad[gb + j] = accumulate ? grad[gb + j] + c.bias[j] : c.bias[j];
      grad[gb + hidden + j] = accumulate ? grad[gb + hidden + j] + c.bias[j] : c.bias[j];
    }
    if (dX != null) {
      c.gemm.ab(rows, in, hidden, c.dz, 0, hidden, p, pOff, in, c.dxt, 0, in, false);
      for (int s = 0; s < batch; s++) {
        for (int t = 0; t < steps; t++) System.arraycopy(c.dxt, (t * batch + s) * in, dX, (s * steps + t) * in, in);
      }
    }
  }

  /** Inputs per step up to which the time-major copy moves elements one by one rather than by arraycopy. */
  private static final int SHORT_COPY = 8;

  /** Inputs per step up to which the input projection and its gradient use the small-matrix kernels. */
  static final int SMALL_INPUT = 128;
  /**
   * Hidden sizes up to which the per-step product h_{t−1}·W_hhᵀ (and dz_t·W_hh) uses
   * {@link Kernels#smallGemm}; above it, the packed GEMM with W_hh packed once per pass. smallGemm keeps
   * 4 rows × 2 vectors of C in registers (3 whole rows at H = 97 … 112, 16 lanes) and streams all of W_hh
   * once per row block of the batch, which is
   * cheap while W_hh fits in L2 but at H = 1024 (4 MB) reads it from L3 eight times per step at batch 32;
   * the GEMM reuses an L2-resident K×N block of the pre-packed W_hh across all rows. Measured with
   * {@code src/jmh/rnn/StepProductTiming.java} (1 thread, 2-vCPU AVX-512 machine, GFLOP/s smallGemm vs
   * pre-packed GEMM by CPU time): unloaded (load 0.5), batch 32: H = 100: 73 vs 76; H = 256: 83 vs 106;
   * H = 1024: 75 vs 105 (one pack 1.7 ms, once per pass); batch 50, H = 100: 68 vs 68. At load ≈ 6 (shared
   * L3) the gap is wider: batch 32, H = 1024: 17–19 vs 40–52; H = 512: 26–35 vs 47. The character-LM step
   * (H = 1024, batch 32) went from 114–144 to 188–225 seq/s (CPU time, BENCHMARKS.md). The threshold stays at 256 so that
   * the small-H shapes keep the path their benchmarks were tuned and measured on (batch 50, H = 100: no
   * gain); whether 100 &lt; H ≤ 256 would gain in a full step is not measured.
   */
  static final int PACKED_HIDDEN = 256;
  /** Hidden sizes up to which dW_hh uses {@link Kernels#smallGemmTn} rather than the packed GEMM. */
  static final int SMALL_HIDDEN = 256;

  /**
   * z_t = x_t·W_ihᵀ + b_ih + b_hh for every step at once, into blocks 1 … T of c.hs [T·batch × H]: one
   * packed GEMM with the bias in its epilogue (D &gt; {@link #SMALL_INPUT}; smaller D goes step by step
   * through {@link #smallInputProjection}).
   */
  private void inputProjection(float[] p, int pOff, int batch, Buffers c) {
    int rows = steps * batch;
    int bh = batch * hidden;
    c.gemm.abt(rows, hidden, in, c.xt, 0, in, p, pOff, in, c.hs, bh, hidden, Gemm.Epilogue.BIAS, c.bias, 0);
  }

  /** W_ihᵀ [D × H] into c.wihT for {@link #smallInputProjection}. */
  private void transposeInputWeights(float[] p, int pOff, Buffers c) {
    for (int j = 0; j < hidden; j++) {
      for (int d = 0; d < in; d++) c.wihT[d * hidden + j] = p[pOff + j * in + d];
    }
  }

  /**
   * Small D (the addition task's 2, a character vocabulary): z = x·W_ihᵀ + b_ih + b_hh for the time-major rows
   * [r0, r0 + count) (one step's batch) into c.hs after block 0 (offset bh): {@link Kernels#smallGemm} on W_ihᵀ
   * from 0, then the bias (after the product, as the GEMM epilogue adds it), while the rows are in cache.
   */
  private void smallInputProjection(int r0, int count, int bh, Buffers c) {
    int z = bh + r0 * hidden;
    Arrays.fill(c.hs, z, z + count * hidden, 0f);
    c.kernels.smallGemm(count, hidden, in, c.xt, r0 * in, in, c.wihT, 0, hidden, c.hs, z, hidden, false);
    for (int r = 0; r < count; r++) c.kernels.axpy(1f, c.bias, 0, c.hs, z + r * hidden, hidden);
  }

  /**
   * dW_ih = Σ_t dz_tᵀ x_t and dW_hh = Σ_t dz_tᵀ h_{t−1} (blocks 1 … T of dz against blocks 0 … T−1 of
   * hs), each one product over all T·batch rows after the reverse sweep, and the bias gradient's column
   * sums of dz into c.bias. Small sizes use {@link Kernels#smallGemmTn} (dW_ih as its transpose [D × H], so
   * the vector lanes run over H), large ones the packed GEMM. When both products are small, the three run
   * slab by slab of {@link #GRADIENT_SLAB} rows, so that each slab of dz comes from memory once for all
   * three (seq-MNIST: dz is T·batch·H = 15.7 MB); every element is still summed over the rows in increasing
   * order into the same float, so the bits are those of the whole products.
   */
  private void weightGradients(int batch, float[] grad, int gOff, boolean accumulate, Buffers c) {
    int rows = steps * batch;
    int whh = gOff + hidden * in;
    boolean smallIn = in <= SMALL_INPUT;
    Arrays.fill(c.bias, 0f);
    if (smallIn && hidden <= SMALL_HIDDEN) {
      for (int r0 = 0; r0 < rows; r0 += GRADIENT_SLAB) {
        int n = Math.min(GRADIENT_SLAB, rows - r0);
        boolean more = r0 > 0;
        c.kernels.smallGemmTn(in, hidden, n, c.xt, r0 * in, in, c.dz, r0 * hidden, hidden, c.wihT, 0, hidden, more);
        c.kernels.smallGemmTn(hidden, hidden, n, c.dz, r0 * hidden, hidden, c.hs, r0 * hidden, hidden, grad, whh, hidden,
            accumulate || more);
        c.kernels.addColumnSums(c.dz, r0 * hidden, n, hidden, hidden, c.bias, 0);
      }
    } else {
      if (smallIn) c.kernels.smallGemmTn(in, hidden, rows, c.xt, 0, in, c.dz, 0, hidden, c.wihT, 0, hidden, false);
      else c.gemm.atb(hidden, in, rows, c.dz, 0, hidden, c.xt, 0, in, grad, gOff, in, accumulate);
      if (hidden <= SMALL_HIDDEN) {
        c.kernels.smallGemmTn(hidden, hidden, rows, c.dz, 0, hidden, c.hs, 0, hidden, grad, whh, hidden, accumulate);
      } else {
        c.gemm.atb(hidden, hidden, rows, c.dz, 0, hidden, c.hs, 0, hidden, grad, whh, hidden, accumulate);
      }
      c.kernels.addColumnSums(c.dz, 0, rows, hidden, hidden, c.bias, 0);
    }
    if (smallIn) {
      for (int j = 0; j < hidden; j++) {
        int g = gOff + j * in;
        for (int d = 0; d < in; d++) grad[g + d] = accumulate ? grad[g + d] + c.wihT[d * hidden + j] : c.wihT[d * hidden + j];
      }
    }
  }

  /** Rows of dz per slab of {@link #weightGradients} (a slab of dz and of hs, 100 KB each at H = 100, stay in L2). */
  private static final int GRADIENT_SLAB = 256;

  // The path-norm pass on the unrolled network (docs/algorithms.md §2.2, §3.4), q = |θ|^power:
  // σ_t[j] = [bias] q(b_ih_j) + q(b_hh_j) + Σ_k q(W_ih[j,k])·in_t[k] + Σ_k q(W_hh[j,k])·σ_{t−1}[k], σ_0 = 0.

  /**
   * Scratch of the path pass: q of the parameters, q of W_ih and W_hh transposed (so that σ_t is a sum
   * of rows scaled by σ_{t−1}[k]: vector-friendly, with each σ_t[j] still summed in the order bias, k =
   * 0 … D−1, k = 0 … H−1), σ_0 … σ_T and the adjoints g_1 … g_{T+1}. At power 2 the W_hh sweeps read
   * the float weights instead ({@code wT}, W_hh transposed, for σ; W_hh in place for g) and square them
   * on the fly ({@link Kernels#addSquaredRows}): a float's square is exact in double, so the sums are
   * the same bits as over q, from half the bytes; q's W_hh block and qT are then not computed.
   */
  static final class PathBuffers implements PathCache {
    final double[] q;
    final double[] qInT;
    final double[] qT;
    final float[] wT;
    final double[] sums;
    final double[] adj;
    final double[] dq;

    /** The kernels of {@link Kernels#addRows} (the same bits on every implementation). */
    final Kernels kernels;

    /** The parameters, power and input sums that q and σ were last computed from with bias paths, if {@link #current}. */
    final float[] pSeen;
    final double[] inSeen;
    double powerSeen;
    boolean current;

    PathBuffers(Recurrent r, Kernels kernels) {
      this.kernels = kernels;
      pSeen = new float[r.parameterCount()];
      inSeen = new double[r.steps * r.in];
      q = new double[r.parameterCount()];
      qInT = new double[r.in * r.hidden];
      qT = new double[r.hidden * r.hidden];
      wT = new float[r.hidden * r.hidden];
      sums = new double[(r.steps + 1) * r.hidden];
      adj = new double[(r.steps + 2) * r.hidden];
      dq = new double[r.parameterCount()];
    }
  }

  @Override public PathCache newPathCache() {
    return new PathBuffers(this, KernelSelection.kernels());
  }

  /**
   * The pass in single precision at power 2 ({@link RecurrentFloatPath}: the chains over the float
   * weights squared on the fly, the sums over the copies as GEMMs), for RNN-Path's κ⁽¹⁾ every step; other
   * powers, and sums outside float's range, run the double pass on {@code kernels}.
   */
  @Override public PathCache newPathCache(Kernels kernels, Gemm gemm) {
    return new RecurrentFloatPath(this, kernels, gemm);
  }

  private PathBuffers pathBuffers(PathCache cache) {
    if (cache instanceof PathBuffers b) return b;
    return cache instanceof RecurrentFloatPath f ? f.exact() : new PathBuffers(this, KernelSelection.kernels());
  }

  /** Power 2: the W_hh sweeps square the float weights on the fly ({@link PathBuffers}). */
  private static boolean squaring(double power) {
    return power == 2;
  }

  private void pathSums(float[] p, int pOff, double power, double[] inSums, boolean biasPaths, PathBuffers c) {
    int hh = hidden * in;
    int b = biasOffset();
    boolean squaring = squaring(power);
    for (int i = 0; i < hh; i++) c.q[i] = Dense.pow(p[pOff + i], power);
    for (int i = b; i < c.q.length; i++) c.q[i] = Dense.pow(p[pOff + i], power);
    transpose(c.q, 0, hidden, in, c.qInT);
    if (squaring) {
      transpose(p, pOff + hh, hidden, hidden, c.wT);
    } else {
      for (int i = hh; i < b; i++) c.q[i] = Dense.pow(p[pOff + i], power);
      transpose(c.q, hh, hidden, hidden, c.qT);
    }
    Arrays.fill(c.sums, 0, hidden, 0.0);
    for (int t = 1; t <= steps; t++) {
      int cur = t * hidden;
      int prev = cur - hidden;
      int x = (t - 1) * in;
      for (int j = 0; j < hidden; j++) c.sums[cur + j] = biasPaths ? c.q[b + j] + c.q[b + hidden + j] : 0;
      c.kernels.addRows(in, inSums, x, 1, c.qInT, 0, hidden, c.sums, cur, hidden);
      if (squaring) {
        c.kernels.addSquaredRows(hidden, c.sums, prev, 1, c.wT, 0, hidden, c.sums, cur, hidden);
      } else {
        c.kernels.addRows(hidden, c.sums, prev, 1, c.qT, 0, hidden, c.sums, cur, hidden);
      }
    }
  }

  /** {@link #transpose(double[], int, int, int, double[])} of floats. */
  static void transpose(float[] src, int off, int rows, int cols, float[] dst) {
    for (int j0 = 0; j0 < rows; j0 += TRANSPOSE_TILE) {
      int j1 = Math.min(rows, j0 + TRANSPOSE_TILE);
      for (int k0 = 0; k0 < cols; k0 += TRANSPOSE_TILE) {
        int k1 = Math.min(cols, k0 + TRANSPOSE_TILE);
        for (int j = j0; j < j1; j++) {
          int row = off + j * cols;
          for (int k = k0; k < k1; k++) dst[k * rows + j] = src[row + k];
        }
      }
    }
  }

  /** Tile edge of {@link #transpose}: a 32 × 32 tile of doubles is 8 KiB read and 8 KiB written, within L1. */
  private static final int TRANSPOSE_TILE = 32;

  /**
   * dst[k·rows + j] = src[off + j·cols + k] (a rows × cols matrix transposed) in square tiles, so that
   * neither side is walked with a stride of a whole row per element (8 KiB at H = 1024).
   */
  private static void transpose(double[] src, int off, int rows, int cols, double[] dst) {
    for (int j0 = 0; j0 < rows; j0 += TRANSPOSE_TILE) {
      int j1 = Math.min(rows, j0 + TRANSPOSE_TILE);
      for (int k0 = 0; k0 < cols; k0 += TRANSPOSE_TILE) {
        int k1 = Math.min(cols, k0 + TRANSPOSE_TILE);
        for (int j = j0; j < j1; j++) {
          int row = off + j * cols;
          for (int k = k0; k < k1; k++) dst[k * rows + j] = src[row + k];
        }
      }
    }
  }

  @Override public void pathForward(float[] p, int pOff, double power, double[] inSums, double[] outSums, boolean biasPaths,
      PathCache cache) {
    if (squaring(power) && cache instanceof RecurrentFloatPath f && f.forward(p, pOff, inSums, outSums, biasPaths)) return;
    PathBuffers c = pathBuffers(cache);
    pathSums(p, pOff, power, inSums, biasPaths, c);
    // remember what σ was computed from, so that the transpose pass that usually follows can skip it
    c.current = biasPaths;
    System.arraycopy(p, pOff, c.pSeen, 0, c.pSeen.length);
    System.arraycopy(inSums, 0, c.inSeen, 0, c.inSeen.length);
    c.powerSeen = power;
    if (output == Output.LAST_STEP) {
      System.arraycopy(c.sums, steps * hidden, outSums, 0, hidden);
    } else {
      System.arraycopy(c.sums, hidden, outSums, 0, steps * hidden);
    }
  }

  /** The adjoints g_t = ∂(Σ dOut·out)/∂σ_t, t = 1 … T, into c.adj (block T+1 zero), after pathSums. */
  private void pathAdjoints(float[] p, int pOff, double power, double[] dOut, PathBuffers c) {
    int hh = hidden * in;
    Arrays.fill(c.adj, 0.0);
    for (int t = steps; t >= 1; t--) {
      int g = t * hidden;
      int next = g + hidden;
      for (int j = 0; j < hidden; j++) {
        c.adj[g + j] = output == Output.LAST_STEP ? (t == steps ? dOut[j] : 0) : dOut[(t - 1) * hidden + j];
      }
      if (squaring(power)) {
        c.kernels.addSquaredRows(hidden, c.adj, next, 1, p, pOff + hh, hidden, c.adj, g, hidden);
      } else {
        c.kernels.addRows(hidden, c.adj, next, 1, c.q, hh, hidden, c.adj, g, hidden);
      }
    }
  }

  @Override public void pathBackward(float[] p, int pOff, double power, double[] inSums, double[] dOut, double[] dIn, float[] dq,
      int dqOff, PathCache cache) {
    if (squaring(power) && cache instanceof RecurrentFloatPath f && f.backward(p, pOff, inSums, dOut, dIn, dq, dqOff)) return;
    PathBuffers c = pathBuffers(cache);
    boolean same = c.current && Double.compare(power, c.powerSeen) == 0
        && Arrays.equals(p, pOff, pOff + c.pSeen.length, c.pSeen, 0, c.pSeen.length)
        && Arrays.equals(inSums, 0, c.inSeen.length, c.inSeen, 0, c.inSeen.length);
    if (!same) pathSums(p, pOff, power, inSums, true, c);
    c.current = false;
    pathAdjoints(p, pOff, power, dOut, c);
    int hh = hidden * in;
    int b = biasOffset();
    Arrays.fill(c.dq, 0.0);
    if (dIn != null) Arrays.fill(dIn, 0, steps * in, 0.0);
    // row j of dq (W_hh's row in L1 at any H) over t = 1 … T: each element still sums over t in increasing order
    for (int j = 0; j < hidden; j++) {
      c.kernels.addRows(steps, c.adj, hidden + j, hidden, c.sums, 0, hidden, c.dq, hh + j * hidden, hidden);
      for (int t = 1; t <= steps; t++) {
        double a = c.adj[t * hidden + j];
        int x = (t - 1) * in;
        for (int k = 0; k < in; k++) c.dq[j * in + k] += a * inSums[x + k];
        if (dIn != null) {
          for (int k = 0; k < in; k++) dIn[x + k] += c.q[j * in + k] * a;
        }
        c.dq[b + j] += a;
        c.dq[b + hidden + j] += a;
      }
    }
    for (int i = 0; i < c.dq.length; i++) dq[dqOff + i] += (float) c.dq[i];
  }

  /**
   * RNN-Path's second term κ⁽²⁾ = s_e·∂²φ/∂s_e² (s = θ², docs/algorithms.md §3.4) of this layer's
   * parameters, given the path sums {@code inSums} at its input and the adjoints {@code dOut} at its
   * output of the squared unrolled network (bias paths counted), written into {@code kappa2[0 …
   * parameterCount)}. Only W_hh is used more than once on a path, so every other entry is 0; for
   * W_hh[j, k] (the copies k@t−1 → j@t):
   *
   * <pre>  κ⁽²⁾ = 2·s_jk·Σ_{t1&lt;t2} σ_{t1−1}[k]·(S^{t2−1−t1})[k, j]·g_{t2}[j],   S = W_hh∘W_hh</pre>
   *
   * computed with B_t = diag(g_{t+1}) + S·B_{t+1} (B_T = 0) in O(T·H³).
   */
  public void secondOrderKappa(float[] p, int pOff, double[] inSums, double[] dOut, double[] kappa2) {
    PathBuffers c = new PathBuffers(this, KernelSelection.kernels());
    pathSums(p, pOff, 2, inSums, true, c);
    pathAdjoints(p, pOff, 2, dOut, c);
    Arrays.fill(kappa2, 0, parameterCount(), 0.0);
    int hh = hidden * in;
    for (int i = hh; i < biasOffset(); i++) c.q[i] = Dense.pow(p[pOff + i], 2);
    int n = hidden;
    double[] bMat = new double[n * n];
    double[] next = new double[n * n];
    double[] acc = new double[n * n];
    for (int t1 = steps; t1 >= 1; t1--) {
      // acc[j, k] += σ_{t1−1}[k]·B_{t1}[k, j]
      int prev = (t1 - 1) * n;
      for (int k = 0; k < n; k++) {
        double s = c.sums[prev + k];
        if (s == 0) continue;
        for (int j = 0; j < n; j++) acc[j * n + k] += s * bMat[k * n + j];
      }
      // B_{t1−1} = diag(g_{t1}) + S·B_{t1}
      for (int k = 0; k < n; k++) {
        int row = k * n;
        Arrays.fill(next, row, row + n, 0.0);
        for (int m = 0; m < n; m++) {
          double sk = c.q[hh + k * n + m];
          if (sk == 0) continue;
          int bRow = m * n;
          for (int j = 0; j < n; j++) next[row + j] += sk * bMat[bRow + j];
        }
        next[row + k] += c.adj[t1 * n + k];
      }
      double[] swap = bMat;
      bMat = next;
      next = swap;
    }
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) kappa2[hh + j * n + k] = 2 * c.q[hh + j * n + k] * acc[j * n + k];
    }
  }

  // Node rescaling of hidden unit j at every step (docs/algorithms.md §1.4): row j of W_ih, W_hh, b_ih, b_hh × c,
  // column j of W_hh ÷ c (so W_hh[j, j] is unchanged).

  @Override public void scaleUnit(float[] p, int pOff, int unit, double c) {
    for (int k = 0; k < in; k++) p[pOff + unit * in + k] = (float) (p[pOff + unit * in + k] * c);
    int hh = pOff + hidden * in;
    for (int k = 0; k < hidden; k++) {
      int idx = hh + unit * hidden + k;
      p[idx] = (float) (p[idx] * c);
    }
    for (int j = 0; j < hidden; j++) {
      int idx = hh + j * hidden + unit;
      p[idx] = (float) (p[idx] / c);
    }
    int b = pOff + biasOffset() + unit;
    p[b] = (float) (p[b] * c);
    p[b + hidden] = (float) (p[b + hidden] * c);
  }

  /** Divides column {@code unit} of W_ih (the input unit of a stacked layer below, at every step) by c. */
  @Override public void divideInput(float[] p, int pOff, int unit, double c) {
    for (int j = 0; j < hidden; j++) {
      int idx = pOff + j * in + unit;
      p[idx] = (float) (p[idx] / c);
    }
  }

  @Override public String toString() {
    return "rnn" + (activation == Activation.TANH ? "-tanh" : "") + "(" + in + "→" + hidden + ", T=" + steps
        + (output == Output.EVERY_STEP ? ", every step" : "") + ")";
  }
}
