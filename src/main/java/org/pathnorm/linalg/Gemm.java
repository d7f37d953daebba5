package org.pathnorm.linalg;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.pathnorm.simd.APanels;
import org.pathnorm.simd.GemmKernel;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * Single-precision general matrix multiply on row-major {@code float[]}:
 *
 * <pre>  C ← (accumulate ? C : 0) + op(A)·op(B) [+ 1·biasᵀ] [then max(·, 0)]</pre>
 *
 * where op(A) is M × K (A, or Aᵀ of a stored K × M matrix) and op(B) is K × N (B, or Bᵀ of a stored
 * N × K matrix). The three shapes training needs are {@link #ab}, {@link #atb} and {@link #abt}.
 *
 * <p>Algorithm (Goto/BLIS): B is packed KC × NC block by block (the block stays in L2, NC fitted to
 * its size: {@link #blockWidth}); A is read in place one MR-row panel at a time (row-major: each row
 * contiguous in k; transposed: the MR values of each k contiguous; only a partial last panel is
 * packed), and the panel stays in L1 while a
 * register-tiled MR × NR micro-kernel from {@link GemmKernel} runs along the B block; a last panel of
 * few columns runs on a narrow tile.
 * The bias and ReLU epilogue are fused into the last K block; a weight gradient Aᵀ·B may instead be
 * handed row by row to an update ({@link RowSink}). A·Bᵀ with few rows (a dense layer's
 * forward pass over a mini-batch) is computed as (B·Aᵀ)ᵀ, so the large B is never transposed, where
 * a cost model says that pays ({@link #swapPays}). Work is split over row or column panels on the
 * caller's {@link ForkJoinPool}. Every element
 * of C is computed by the same sequence of operations however the work is split, so results are
 * bit-identical for any thread count.
 *
 * <p>An instance owns its packing buffers (allocated once, on first use) and must not be used by two
 * threads at once; a steady-state call allocates nothing.
 */
public final class Gemm {
  /** Depth of a packed block (K direction). */
  private static final int KC_DEFAULT = 256;
  static final int KC = Integer.getInteger("pathnorm.gemm.kc", KC_DEFAULT);
  /** Widest packed B block (N direction); {@code -Dpathnorm.gemm.nc} makes every block this wide. */
  private static final Integer NC_PROPERTY = Integer.getInteger("pathnorm.gemm.nc");
  static final int NC = NC_PROPERTY != null ? NC_PROPERTY : 512;
  private static final boolean NC_FORCED = NC_PROPERTY != null;
  /** A core's L2 cache in bytes (0: unknown), which bounds the B blocks ({@link #blockWidth}). */
  static final long L2_BYTES = CacheSizes.l2Bytes();
  /** A weight matrix with rows this long and beyond {@link #ROW_SINK_MIN_BYTES} is updated inside its gradient's GEMM ({@link #rowSinkPays}). */
  static final int ROW_SINK_MIN_COLUMNS = 256;
  /** See {@link #ROW_SINK_MIN_COLUMNS}. */
  static final long ROW_SINK_MIN_BYTES = 512L << 10;
  /**
   * Below this many multiply-adds, threads cost more than they give. 2¹⁶: the layer-2 products of a
   * 784-256-10 step (2¹⁷·1.25 multiply-adds each) were 1.01–1.08× faster split over 2 threads than on
   * the caller alone (4 in-process A/B runs; BENCHMARKS.md, "Issue 15, sixteenth session").
   */
  private static final long MIN_PARALLEL_WORK = Long.getLong("pathnorm.gemm.minParallelWork", 1L << 16);
  /**
   * Row panels, in the whole process, whose first tile is also computed with the other accumulate flag
   * ({@code Worker.prime}): the JIT's profiles are per process, so later GEMMs (an evaluation's) need none.
   */
  private static final AtomicInteger PANELS_TO_PRIME = new AtomicInteger(Integer.getInteger("pathnorm.gemm.primedPanels", 128));
  /** Sets how many row panels are still to be primed (for tests: the process's count is used up at start). */
  static void primeNextPanels(int panels) {
    PANELS_TO_PRIME.set(panels);
  }

  /** {@code -Dpathnorm.gemm.kGroups=false}: one K block at a time always ({@code Worker.kGroup}). */
  private static final boolean K_GROUPS_OFF = "false".equals(System.getProperty("pathnorm.gemm.kGroups"));
  /** The widest column block of a product handed to a {@link RowSink}: B's block then spans up to 1 MiB at K = 64. */
  private static final int SINK_WIDTH = 4096;
  /** A core's L1 data cache in bytes (0: unknown), which bounds the B blocks of {@link #packedABlockWidth}. */
  static final long L1_BYTES = CacheSizes.l1Bytes();
  /**
   * {@code -Dpathnorm.gemm.packedTransposedA=false}: Aᵀ·B in one K block (a weight gradient) reads its transposed A in
   * place, in column blocks as wide as the worker's columns, instead of {@code Worker.runPackedTransposedA}.
   */
  static final boolean PACKED_TRANSPOSED_A = !"false".equals(System.getProperty("pathnorm.gemm.packedTransposedA"));
  /**
   * A worker's packed A of Aᵀ·B run in narrow column blocks ({@code Worker.runPackedTransposedA}) takes at most this
   * fraction of L2 (1/8): it is read once per block. With 784-4000-4000-10's (1 MiB on one thread, 512 KiB on
   * two) the steps ran 7% slower that way on the Intel Xeon of the twenty-ninth session, with 784-256-10's (64 KiB)
   * 3–4% faster (BENCHMARKS.md, "Issue 15, twenty-ninth session").
   */
  static final int PACKED_A_L2_FRACTION = 8;
  /** Row panels per thread from which Aᵀ·B (a weight gradient) is split by rows whatever its width. */
  private static final int ATB_ROW_PANELS = 4;
  /**
   * Rows of a row-major A packed at once where the kernel packs its panels k-major ({@link APanels#K_MAJOR_WIDE}),
   * the tiles then run column panel by column panel over them ({@code Worker.blockPackedA}); 0: row panel by row
   * panel, as for every other form.
   */
  static final int A_BLOCK_ROWS = Integer.getInteger("pathnorm.gemm.aBlockRows", 256);
  /**
   * The widest column block of B where A's blocks are packed that way, in columns: the B block then lies in L3 (256 ×
   * 4096 floats: 4 MiB) rather than L2, as in GotoBLAS, and each A block is packed once per K block instead of once
   * per L2-sized column block, while every B panel still stays in L1 as it meets the block's A panels. On the Intel
   * Xeon of the thirty-first session (2 MiB of L2) 1024³ ran 1.05× faster on 1 thread with blocks of 1024 columns
   * than of 512, and 2048³ 1.04× with 2048 than with 1024 on 1 and 2 threads (BENCHMARKS.md, "Issue 15,
   * thirty-first session"). {@code -Dpathnorm.gemm.aBlockNc} sets it; the width only partitions C's columns.
   */
  static final int A_BLOCK_NC = Integer.getInteger("pathnorm.gemm.aBlockNc", 4096);
  /**
   * The shallowest K block run that way: on the Intel Xeon of the twenty-fourth session 64 × 256 × 10 (a
   * classifier's input gradient) ran at 0.85–0.87× the speed of row panel by row panel, 64 × 256 × 64 and
   * 256 × 512 × 32 at 1.02× and 1.07–1.12× (BENCHMARKS.md, "Issue 15, twenty-fourth session").
   */
  private static final int A_BLOCK_MIN_DEPTH = 32;
  /** A·Bᵀ with at most this many rows is computed as (B·Aᵀ)ᵀ; see {@link #multiply}. */
  static final int SWAP_MAX_M = Integer.getInteger("pathnorm.gemm.swapMaxM", 512);
  /** Whether B streamed from beyond L2 into few row panels is packed in blocks as wide as a worker's columns ({@code Worker.packsWideStreamedB}). */
  static final boolean WIDE_STREAMED_B = !"false".equals(System.getProperty("pathnorm.gemm.wideStreamedB"));
  /** Whether a row-major A read in place may go column panel by column panel ({@code Worker.blockInPlaceByColumns}). */
  static final boolean IN_PLACE_BY_COLUMNS = !"false".equals(System.getProperty("pathnorm.gemm.inPlaceByColumns"));
  /**
   * Row panels a worker needs for {@code Worker.blockInPlaceByColumns}: with fewer (a mini-batch's 64 rows of output
   * gradient times 784-4000-4000-10's 4000 × 4000 weights) the steps read 1–2% slower that way (BENCHMARKS.md,
   * "Issue 15, twenty-sixth session").
   */
  static final int IN_PLACE_BY_COLUMNS_PANELS = 16;

  /**
   * The width of the packed B blocks for K blocks of depth {@code kc}: {@link #NC}, or less where a kc × NC
   * block would fill more than 3/4 of a core's L2 (nr-column panels, at least one). The micro-kernel
   * streams the block's panels from L2 once per row panel, and A's panels and C's rows pass through L2
   * too: on Zen 3 (512 KiB L2, 8-lane 6 × 16 tile) the micro-kernel alone ran at 80–82 GFLOP/s over a
   * 512 KiB block (KC = 256, NC = 512), at 90–92 over 256 KiB, and at 80 or 91 over 384 KiB from one JVM
   * to the next; whole products changed within the noise with 3/4 or 1/2 of L2 (BENCHMARKS.md, "Issue 15,
   * eighteenth session"). There K blocks of 256 get 384 columns; with 1 MiB of L2 (the AVX-512 kinds)
   * every block is NC wide, as before. The width only partitions C's columns: the bits do not depend on it.
   *
   * @param l2Bytes a core's L2 in bytes, 0 if unknown (then NC)
   */
  static int blockWidth(int kc, int nr, long l2Bytes) {
    if (NC_FORCED || l2Bytes <= 0) return NC;
    long fits = l2Bytes * 3 / 4 / (4L * Math.max(1, kc)) / nr * nr;
    return (int) Math.max(nr, Math.min(NC / nr * nr, fits));
  }

  /**
   * The width of the column blocks of Aᵀ·B in one K block ({@code Worker.runPackedTransposedA}): as many nr-column
   * panels as keep a kc × width packed B block in half of a core's L1 data cache (32 KiB where it is unknown), at least
   * one. Each row panel's tiles then read the block from
   * L1, where a block as wide as the worker's columns came from L2 for every row panel: on the Intel Xeon of the
   * twenty-ninth session (48 KiB L1) 784-256-10's weight gradient, 256 × 784 × 64, ran its tiles at 1.20–1.25× the
   * speed (BENCHMARKS.md, "Issue 15, twenty-ninth session"). The width only partitions the columns: the bits do not
   * depend on it.
   *
   * @param l1Bytes a core's L1 data cache in bytes, 0 if unknown
   */
  static int packedABlockWidth(int kc, int nr, long l1Bytes) {
    long l1 = l1Bytes > 0 ? l1Bytes : 32L << 10;
    long fits = l1 / 2 / (4L * Math.max(1, kc)) / nr * nr;
    return (int) Math.max(nr, Math.min(SINK_WIDTH / nr * nr, fits));
  }

  /** A core's L2 in bytes as the GEMM takes it, 0 where unknown. */
  public static long l2Bytes() {
    return L2_BYTES;
  }

  /** A core's L2 as the GEMM takes it, e.g. {@code 512 KiB}, or {@code unknown}. */
  public static String l2Description() {
    return L2_BYTES > 0 ? (L2_BYTES >> 10) + " KiB" : "unknown";
  }

  /** The blocking in use, for {@code pathnorm --version}. */
  public static String blocking() {
    String l2 = l2Description();
    GemmKernel tile = KernelSelection.kernels().gemmKernel();
    int width = blockWidth(KC, tile.nr(), L2_BYTES);
    String fit = NC_FORCED ? " (forced by -Dpathnorm.gemm.nc)"
        : " (B packed KC x NC, the block kept in at most 3/4 of L2 = " + l2 + ", NC <= " + NC + ")";
    String groups = K_GROUPS_OFF ? "; one K block at a time (forced by -Dpathnorm.gemm.kGroups=false)"
        : "; a row-major A beyond L2 runs each row panel through as many K blocks as fit in 3/4 of L2 at once";
    boolean aBlocks = A_BLOCK_ROWS >= tile.mr() && tile.aPanels() == APanels.K_MAJOR_WIDE;
    String aBlockOrder = aBlocks ? "; a row-major A that is packed k-major packed " + A_BLOCK_ROWS / tile.mr() * tile.mr()
        + " rows at a time, the tiles running over them column panel by column panel (B's panel kept in L1), B's block as"
        + " wide as a worker's columns up to " + A_BLOCK_NC + " (in L3)" : "";
    String inPlaceOrder = IN_PLACE_BY_COLUMNS ? "; a row-major A read in place column panel by column panel where a"
        + " worker's rows of the K block, at least " + IN_PLACE_BY_COLUMNS_PANELS + " panels, fit in 1/4 of L2" : "";
    String wideStreamed = WIDE_STREAMED_B && !NC_FORCED ? "; a row-major B whose K block spans half of L2 or more, into fewer than "
        + IN_PLACE_BY_COLUMNS_PANELS + " row panels a worker, packed in blocks as wide as the worker's columns up to " + A_BLOCK_NC
        + " (in L3)" : "";
    String l1 = L1_BYTES > 0 ? (L1_BYTES >> 10) + " KiB" : "unknown: 32 KiB taken";
    String packedTransposed = PACKED_TRANSPOSED_A && tile.aPanels() != APanels.ROWS
        ? "; Aᵀ·B in one K block (a weight gradient) with >= " + IN_PLACE_BY_COLUMNS_PANELS + " row panels a worker, its B block"
            + " beyond twice L1 (" + l1 + ") and its packed A within 1/" + PACKED_A_L2_FRACTION + " of L2: the transposed A"
            + " packed once, then column blocks of B in half of L1 (" + packedABlockWidth(64, tile.nr(), L1_BYTES)
            + " columns at K = 64)" : "";
    return "KC=" + KC + " NC=" + width + " for K blocks of " + KC + fit + groups + aBlockOrder + wideStreamed + inPlaceOrder
        + packedTransposed
        + "; A·Bᵀ with <= " + SWAP_MAX_M
        + " rows computed as (B·Aᵀ)ᵀ where a cost model of tiles and packing says it pays; threads split the larger of M and N"
        + " in whole tiles (Aᵀ·B, a weight gradient: M while there are " + ATB_ROW_PANELS + " row tiles per thread),"
        + " each thread keeping its share step after step; products of fewer than " + MIN_PARALLEL_WORK
        + " multiply-adds on the calling thread alone";
  }

  private final GemmKernel kernel;
  private final long l2Bytes;
  private final ForkJoinPool pool;
  private final Worker[] workers;
  private final Call call = new Call();
  private final TaskGroup group = new TaskGroup();
  private float[] transposed = new float[0];
  private float[] packScratch = new float[0];
  private float[] rowScratch = new float[0];
  /** While set, every product runs on the calling thread ({@link #runOnCallingThread}). */
  private boolean callingThreadOnly;
  /** Per-worker copies of one operand ({@link #replicate}), or null. */
  private float[][] replicas;

  /** A single-threaded GEMM on the kernels chosen at start-up. */
  public Gemm() {
    this(KernelSelection.kernels(), null);
  }

  /**
   * @param kernels the kernels whose micro-kernel to use
   * @param pool    threads to split the work over, or {@code null} to run on the calling thread
   */
  public Gemm(Kernels kernels, ForkJoinPool pool) {
    this(kernels, pool, L2_BYTES);
  }

  /** As {@link #Gemm(Kernels, ForkJoinPool)} for a machine with {@code l2Bytes} of L2 (tests of {@link #blockWidth}). */
  Gemm(Kernels kernels, ForkJoinPool pool, long l2Bytes) {
    this.l2Bytes = l2Bytes;
    this.kernel = kernels.gemmKernel();
    this.pool = pool;
    int threads = pool == null ? 1 : pool.getParallelism();
    this.workers = new Worker[threads];
    for (int t = 0; t < threads; t++) workers[t] = new Worker(t);
  }

  /** Number of threads the work is split over. */
  public int threads() {
    return workers.length;
  }

  /**
   * While {@code only} is true, every product runs on the calling thread, whatever the pool; the results are the same
   * bits (a product's values do not depend on how it is split). For a trainer's first steps, while the JIT compiles
   * the kernels on the cores the other workers would take (train.CompileWarmup).
   */
  public void runOnCallingThread(boolean only) {
    callingThreadOnly = only;
  }

  /**
   * Lets worker w of a split product read {@code copies[w]} wherever the product's A or B is {@code copies[0]}; null
   * (or a single copy) ends that. The caller keeps every copy equal to {@code copies[0]}, element for element, while a
   * product reads it: a trainer gathers each mini-batch into one copy per thread, so that no thread reads the batch out
   * of another core's cache. On the 2-vCPU Zen 4 VMs here the host moves the two vCPUs between cores that share an L3
   * and cores that do not (a cache line's round trip 56 against 330 ns), and in the second placement 784-256-10's
   * 2-thread steps took 0.50 ms against 0.35, their gather and Xᵀ packing 2–4× longer (BENCHMARKS.md, "Issue 15,
   * thirty-second session"). Which copy a worker reads never changes the bits.
   *
   * @throws IllegalArgumentException if there are more copies than workers or their lengths differ
   */
  public void replicate(float[][] copies) {
    if (copies == null || copies.length <= 1) {
      replicas = null;
      return;
    }
    if (copies.length > workers.length) {
      throw new IllegalArgumentException("gemm: " + copies.length + " copies of an operand for " + workers.length + " workers");
    }
    for (float[] c : copies) {
      if (Objects.requireNonNull(c, "copy").length != copies[0].length) {
        throw new IllegalArgumentException("gemm: the copies of an operand differ in length (" + c.length + " and "
            + copies[0].length + ")");
      }
    }
    replicas = copies.clone();
  }

  /**
   * How many parts a region of {@code work} multiply-adds that can be cut into at most {@code most} pieces runs as
   * ({@link #runParts}): as many as there are workers, or 1 on the calling thread alone (one worker, the JIT's warm-up
   * ({@link #runOnCallingThread}), less work than a product split over the workers: 2¹⁶ multiply-adds, or
   * {@code -Dpathnorm.gemm.minParallelWork}).
   */
  public int parts(long work, int most) {
    if (workers.length == 1 || callingThreadOnly || work < MIN_PARALLEL_WORK || most <= 1) return 1;
    return Math.min(workers.length, most);
  }

  /**
   * Runs {@code part.accept(i)} for each i in [0, parts) as one region, part i on worker i (the calling thread for 0,
   * the same worker step after step, so that a part keeps its share of the weights in its core's cache), and returns
   * when all are done; each part may use {@link #part(int)} i's products. A part's exception reaches the caller.
   *
   * @throws IllegalArgumentException if parts is not in [1, {@link #threads()}]
   */
  public void runParts(int parts, IntConsumer part) {
    Objects.requireNonNull(part, "part");
    if (parts < 1 || parts > workers.length) {
      throw new IllegalArgumentException("gemm: " + parts + " parts for " + workers.length + " workers");
    }
    if (parts == 1) {
      part.accept(0);
      return;
    }
    for (int t = 0; t < parts; t++) workers[t].parts = part;
    try {
      group.invokeOn(pool, workers, parts);
    } finally {
      for (int t = 0; t < parts; t++) workers[t].parts = null;
    }
  }

  /** Part {@code i}'s products of a region ({@link #runParts}), on worker i's buffers. */
  public Part part(int i) {
    return workers[i].part;
  }

  /** The copy of {@code x} that part {@code i} reads: its replica where x is the first of {@link #replicate}'s copies. */
  public float[] copyFor(int i, float[] x) {
    float[][] r = replicas;
    return r != null && i < r.length && x == r[0] ? r[i] : x;
  }

  /**
   * A part's products on sparse rows ({@link #runParts}): as this GEMM's, on the calling thread with one worker's
   * buffers, so that the parts of a region run theirs at once.
   */
  public final class Part {
    private final Worker worker;

    private Part(Worker worker) {
      this.worker = worker;
    }

    /** {@link Gemm#ab(int, int, int, SparseRows, ColumnPanels, float[], int, int, Epilogue, float[], int)}. */
    public void ab(int m, int n, int k, SparseRows a, ColumnPanels b, float[] c, int cOff, int ldc, Epilogue epilogue,
        float[] bias, int biasOff) {
      checkBias(Objects.requireNonNull(bias, "bias"), biasOff, n);
      checkOperand("C", c, cOff, ldc, m, n);
      sparseProduct(worker, m, n, k, a, b, c, cOff, ldc, false, null, bias, biasOff, epilogue == Epilogue.BIAS_RELU);
    }

    /** {@link Gemm#ab(int, int, int, SparseRows, ColumnPanels, float[], int, int)}. */
    public void ab(int m, int n, int k, SparseRows a, ColumnPanels b, float[] c, int cOff, int ldc) {
      checkOperand("C", c, cOff, ldc, m, n);
      sparseProduct(worker, m, n, k, a, b, c, cOff, ldc, false, null, null, 0, false);
    }

    /** {@link Gemm#abIntoPanels}. */
    public void abIntoPanels(int m, int n, int k, SparseRows a, ColumnPanels b, float[] c, int cOff, RowSink sink) {
      Objects.requireNonNull(c, "c");
      checkPanelLayout("C", m, n, c, cOff);
      sparseProduct(worker, m, n, k, a, b, c, cOff, kernel.sparsePanelWidth(), true, sink, null, 0, false);
    }
  }

  /** The call worker {@code t} runs: the shared one, or its own copy reading its replica of A or B ({@link #replicate}). */
  private Call callFor(int t) {
    float[][] r = replicas;
    if (t == 0 || r == null || t >= r.length || (call.a != r[0] && call.b != r[0])) return call;
    return workers[t].ownCall.copy(call, r[0], r[t]);
  }

  /** What {@link #abt(int, int, int, float[], int, int, float[], int, int, float[], int, int, Epilogue, float[], int)} adds after the product. */
  public enum Epilogue {
    /** C = A·Bᵀ + 1·biasᵀ. */
    BIAS,
    /** C = max(A·Bᵀ + 1·biasᵀ, 0): a dense ReLU layer's forward pass. */
    BIAS_RELU
  }

  /** Which operands are transposed in {@link #multiply}: op(A)·op(B). */
  public enum Form {
    AB(false, false), ATB(true, false), ABT(false, true), ATBT(true, true);

    final boolean transA;
    final boolean transB;

    Form(boolean transA, boolean transB) {
      this.transA = transA;
      this.transB = transB;
    }

    /** The form with the given transpositions. */
    public static Form of(boolean transA, boolean transB) {
      return transA ? (transB ? ATBT : ATB) : (transB ? ABT : AB);
    }
  }

  /** C[M×N] (+)= A·B with A stored M × K (lda ≥ K) and B stored K × N (ldb ≥ N). */
  public void ab(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate) {
    product(false, false, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, 0, false);
  }

  /** C[M×N] (+)= Aᵀ·B with A stored K × M and B stored K × N (the weight-gradient shape). */
  public void atb(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate) {
    product(true, false, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, 0, false);
  }

  /**
   * G[M×N] = Aᵀ·B, A stored K × M and B stored K × N as in {@link #atb(int, int, int, float[], int, int,
   * float[], int, int, float[], int, int, boolean) atb}, handed to {@code sink} in row segments as the
   * workers finish them instead of being stored: a dense layer's weight gradient taken by the update of
   * its weights while it is in cache. Every element goes to the sink once, with the bits {@code atb}
   * would store, on any number of threads. With K ≤ {@link #singleBlockDepth()} (a mini-batch of up to 256
   * samples) each worker computes a whole row panel across its columns into a strip of MR rows, which it
   * hands over ({@link RowSink#acceptRows}); deeper products are computed whole into a scratch matrix first
   * (allocated on first use), then handed over row by row. A sink with row blocks ({@link RowSink#rowBlock})
   * gets each block whole, in order, from one thread: the threads split the rows at block boundaries, and
   * products wider than {@link #sinkRowWidth()} go through the scratch matrix on the calling thread.
   *
   * @throws IllegalArgumentException if a dimension is negative, a leading dimension too small or an
   *                                  array too short for the shapes given
   */
  public void atb(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, RowSink sink) {
    Objects.requireNonNull(sink, "sink");
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("gemm: dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
    }
    checkOperand("A", a, aOff, lda, k, m);
    checkOperand("B", b, bOff, ldb, k, n);
    if (m == 0 || n == 0) return;
    if (k == 0 || k > KC || sink.rowBlock() > 1 && n > SINK_WIDTH) {
      // G whole into the scratch (zeros for k = 0), then row by row (whole rows in order, on this thread)
      if ((long) m * n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("gemm: " + m + " x " + n + " is too large");
      if (rowScratch.length < m * n) rowScratch = new float[m * n];
      product(true, false, m, n, k, a, aOff, lda, b, bOff, ldb, rowScratch, 0, n, false, null, 0, false);
      for (int i = 0; i < m; i++) sink.accept(i, 0, rowScratch, i * n, n);
      return;
    }
    call.set(true, false, m, n, k, a, aOff, lda, b, bOff, ldb, null, 0, n, false, null, 0, false);
    call.sink = sink;
    try {
      runCall(m, n, k);
    } finally {
      call.sink = null;
    }
  }

  /**
   * Whether handing an M × N product's rows to an update ({@link #atb(int, int, int, float[], int, int,
   * float[], int, int, RowSink)}) pays against storing it and updating in a second pass: when its M·N
   * floats exceed a core's L2 ({@link #l2Description}; 1 MiB where it is unknown), so that the second
   * pass would read them back from L3 or memory; or, for rows of at least {@value #ROW_SINK_MIN_COLUMNS}
   * columns, when they exceed {@value #ROW_SINK_MIN_BYTES} bytes: the second pass streams the gradient,
   * the weights and the velocity, three times the gradient's bytes, so a gradient that fits L2 alone
   * can still send them to L3, while short rows make the per-row hand-over cost more than that.
   * Measured (BENCHMARKS.md, "Issue 15, twentieth session" and "twenty-fifth session"): on Zen 3
   * (512 KiB L2) the 784-4000-4000-10 step 1.04× faster on 1 thread and 1.09× on 2, 784-256-10 (an
   * 803 KB gradient, rows of 784) 1.01–1.05×, 100-512-10 (205 KB, rows of 100) 0.98×; on an Intel Xeon
   * with 2 MiB of L2, 784-256-10 1.04–1.09× on 1 thread and ≈ 1.02× on 2, 100-512-10 0.93×, 100-2048-10
   * (819 KB, rows of 100) 0.96–0.99×.
   */
  public static boolean rowSinkPays(int m, int n) {
    return rowSinkPays(m, n, L2_BYTES);
  }

  /** The rule of {@link #rowSinkPays} on this machine, for {@code pathnorm --version}. */
  public static String rowSinkRule() {
    return "larger than a core's L2 (" + l2Description() + "), or than " + (ROW_SINK_MIN_BYTES >> 10) + " KiB with rows of at least "
        + ROW_SINK_MIN_COLUMNS + " inputs";
  }

  /** {@link #rowSinkPays(int, int)} for a core with {@code l2Bytes} of L2 (0: unknown). */
  static boolean rowSinkPays(int m, int n, long l2Bytes) {
    long l2 = l2Bytes > 0 ? l2Bytes : 1L << 20;
    long bytes = 4L * m * n;
    return bytes > l2 || n >= ROW_SINK_MIN_COLUMNS && bytes > ROW_SINK_MIN_BYTES;
  }

  /** The widest product whose rows a worker hands to a {@link RowSink} whole: {@value #SINK_WIDTH} columns. */
  public static int sinkRowWidth() {
    return SINK_WIDTH;
  }

  /**
   * The deepest K that {@link #atb(int, int, int, float[], int, int, float[], int, int, RowSink)} computes
   * in one block, handing rows over without a scratch matrix: {@value #KC_DEFAULT}, or
   * {@code -Dpathnorm.gemm.kc}.
   */
  public static int singleBlockDepth() {
    return KC;
  }

  /** C[M×N] (+)= A·Bᵀ with A stored M × K and B stored N × K. */
  public void abt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate) {
    product(false, true, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, 0, false);
  }

  /**
   * Packs op(B) [K × N] into {@code into} for {@link #ab(int, int, int, float[], int, int, PackedMatrix,
   * float[], int, int, boolean, boolean)}: B stored K × N (ldb ≥ N), or, when {@code transposed}, op(B) =
   * Bᵀ of a stored N × K matrix (ldb ≥ K; PyTorch's weight layout). The buffer of {@code into} is reused
   * when it is large enough, so repacking the same shape allocates nothing.
   *
   * @return {@code into}
   * @throws IllegalArgumentException if a dimension is negative, ldb too small or b too short
   */
  public PackedMatrix pack(PackedMatrix into, int k, int n, float[] b, int bOff, int ldb, boolean transposed) {
    Objects.requireNonNull(into, "into");
    if (k < 0 || n < 0) throw new IllegalArgumentException("gemm: dimensions must be >= 0, got n=" + n + " k=" + k);
    checkOperand("B", b, bOff, ldb, transposed ? n : k, transposed ? k : n);
    if (transposed && n <= kernel.fewColumnsWidth()) {
      // a product with few columns reads B's rows as stored (GemmKernel#productFewColumns): copied, not packed
      into.reshapeRows(kernel, k, n);
      for (int j = 0; j < n; j++) System.arraycopy(b, bOff + j * ldb, into.data, j * k, k);
      return into;
    }
    int kStep = k == 0 ? 1 : kStep(k);
    into.reshape(kernel, k, n, kStep);
    int nr = kernel.nr();
    // pack in chunks of whole panels through the scratch, each chunk copied to its place in the layout
    int chunk = Math.max(nr, NC / nr * nr);
    for (int pc = 0; pc < k; pc += kStep) {
      int kc = Math.min(kStep, k - pc);
      for (int jc = 0; jc < n; jc += chunk) {
        int nc = Math.min(chunk, n - jc);
        int len = (nc + nr - 1) / nr * nr * kc;
        if (packScratch.length < len) packScratch = new float[Math.max(len, chunk * kStep)];
        kernel.packB(b, bOff, ldb, transposed, pc, kc, jc, nc, packScratch);
        System.arraycopy(packScratch, 0, into.data, pc * into.paddedN + jc * kc, len);
      }
    }
    return into;
  }

  /**
   * C[M×N] ← (accumulate ? C : 0) + A·B, then max(·, 0) if {@code relu}, with A stored M × K (lda ≥ K)
   * and B packed by {@link #pack} (on a GEMM with the same kernels), without packing B again:
   * bit-identical to the unpacked {@link #ab} on op(B) stored K × N (for a B packed transposed, on its
   * explicit transpose; {@link #abt} may differ in the last bit where it computes (B·Aᵀ)ᵀ for few rows), except
   * that a B packed transposed with at most {@link #fewColumnsWidth()} columns gives the bits of {@link #abt}.
   *
   * @throws IllegalArgumentException if the shapes do not match the packed matrix, or it was packed for
   *                                  another micro-kernel
   */
  public void ab(int m, int n, int k, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc,
      boolean accumulate, boolean relu) {
    packedProduct(m, n, k, a, aOff, lda, b, c, cOff, ldc, accumulate, null, 0, relu);
  }

  /**
   * C[M×N] = A·B + 1·biasᵀ, then max(·, 0) with {@link Epilogue#BIAS_RELU}, with A stored M × K (lda ≥ K)
   * and B packed by {@link #pack}: a dense layer's forward pass with its weights packed once (op(B) = Wᵀ)
   * for many mini-batches, as in an evaluation over a data set. The bias is added in the last K block's
   * epilogue, as in the unpacked products, which give the same bits.
   *
   * @throws IllegalArgumentException as the other packed product, or if the bias is too short
   */
  public void ab(int m, int n, int k, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc,
      Epilogue epilogue, float[] bias, int biasOff) {
    checkBias(Objects.requireNonNull(bias, "bias"), biasOff, n);
    packedProduct(m, n, k, a, aOff, lda, b, c, cOff, ldc, false, bias, biasOff, epilogue == Epilogue.BIAS_RELU);
  }

  /**
   * C[M×N] = A·B + 1·biasᵀ, then max(·, 0) with {@link Epilogue#BIAS_RELU}, with A the rows [aRow, aRow + M) of a
   * matrix in row panels ({@link RowPanels}, shaped by this GEMM or one on the same micro-kernel; aRow a multiple of
   * {@link #panelHeight}) and B packed by {@link #pack}: a dense layer's forward pass over a chunk of a data set in an
   * evaluation, which then packs nothing and reads A's panels contiguously. Each tile adds the same products in the
   * same order as the product on A as stored: the same bits.
   *
   * @throws IllegalArgumentException if the shapes do not match the operands, aRow does not start a panel, or an
   *                                  operand was packed for another micro-kernel
   */
  public void ab(int m, int n, int k, RowPanels a, int aRow, PackedMatrix b, float[] c, int cOff, int ldc,
      Epilogue epilogue, float[] bias, int biasOff) {
    Objects.requireNonNull(a, "a");
    checkBias(Objects.requireNonNull(bias, "bias"), biasOff, n);
    if (a.k != k || m < 0 || aRow < 0 || aRow + m > a.m) {
      throw new IllegalArgumentException("gemm: rows " + aRow + ".." + (aRow + m) + " x " + k + " of A do not lie in its "
          + a.m + " x " + a.k + " row panels");
    }
    if (m > 0 && k > 0 && (a.kernel != kernel || aRow % a.mr != 0)) {
      throw new IllegalArgumentException("gemm: the row panels were shaped for another micro-kernel, or row " + aRow
          + " does not start a panel of " + a.mr + " rows; shape them with this Gemm");
    }
    packedProduct(m, n, k, a.data, 0, k, b, c, cOff, ldc, false, bias, biasOff, epilogue == Epilogue.BIAS_RELU, a, aRow);
  }

  /**
   * The widest C = A·Bᵀ computed as dot products along K ({@link GemmKernel#productFewColumns}; a classifier's
   * outputs), 0 where this GEMM's kernels have no such path. Such a product has other bits than the tiles give
   * (docs/architecture.md, "Products with few columns"), the same on any thread count, packed or not.
   */
  public int fewColumnsWidth() {
    return kernel.fewColumnsWidth();
  }

  /** The rows of a panel of {@link RowPanels} on this GEMM's micro-kernel (MR): products on them start on its multiples. */
  public int panelHeight() {
    return kernel.mr();
  }

  /**
   * Shapes {@code into} for a matrix [m × k] on this GEMM's micro-kernel, keeping its buffer where large enough (the
   * rows past m zero), to be filled by {@link #packRows}.
   *
   * @return {@code into}
   */
  public RowPanels shapeRows(RowPanels into, int m, int k) {
    Objects.requireNonNull(into, "into");
    if (m < 0 || k < 0) throw new IllegalArgumentException("gemm: dimensions must be >= 0, got m=" + m + " k=" + k);
    into.reshape(kernel, m, k);
    return into;
  }

  /**
   * Copies {@code rows} rows of a row-major matrix, the first at {@code src[srcOff]}, the next ld further each, into
   * rows [row, row + rows) of {@code into} (all K columns): whole panels transposed in registers, the rows of a partial
   * panel value by value. Calls on rows of different panels may run on several threads at once.
   *
   * @throws IllegalArgumentException if the rows lie outside {@code into} or the source is too short
   */
  public static void packRows(RowPanels into, int row, int rows, float[] src, int srcOff, int ld) {
    Objects.requireNonNull(into, "into");
    if (row < 0 || rows < 0 || row + rows > into.m) {
      throw new IllegalArgumentException("gemm: rows " + row + ".." + (row + rows) + " lie outside the " + into.m + " x "
          + into.k + " row panels");
    }
    checkOperand("the rows", Objects.requireNonNull(src, "src"), srcOff, ld, rows, into.k);
    int mr = into.mr;
    int k = into.k;
    for (int r = row, end = row + rows; r < end; ) {
      int base = r / mr * mr * k;
      int from = srcOff + (r - row) * ld;
      if (r % mr == 0 && r + mr <= end) {
        into.kernel.packPanelAt(src, from, ld, 0, 0, k, into.data, base);
        r += mr;
      } else {
        int lane = r % mr;
        for (int j = 0; j < k; j++) into.data[base + j * mr + lane] = src[from + j];
        r++;
      }
    }
  }

  /**
   * Fills {@code into} with op(B) [k × n] in panels of columns for products on {@link SparseRows} (B(κ, j) =
   * {@code b[bOff + κ·ldb + j]}, or {@code b[bOff + j·ldb + κ]} when {@code transposed}: a dense layer's weights, stored
   * out × in), noting whether every value is finite.
   *
   * @return {@code into}
   */
  public ColumnPanels packColumns(ColumnPanels into, int k, int n, float[] b, int bOff, int ldb, boolean transposed) {
    Objects.requireNonNull(into, "into");
    if (k < 0 || n < 0) throw new IllegalArgumentException("gemm: dimensions must be >= 0, got n=" + n + " k=" + k);
    checkOperand("B", b, bOff, ldb, transposed ? n : k, transposed ? k : n);
    into.reshape(kernel, k, n);
    int p = into.p;
    float[] d = into.data;
    boolean finite = true;
    for (int j0 = 0; j0 < n; j0 += p) {
      int cols = Math.min(p, n - j0);
      int panel = j0 * k;
      for (int kk = 0; kk < k; kk++) {
        int row = panel + kk * p;
        if (transposed) {
          for (int j = 0; j < cols; j++) {
            float v = b[bOff + (j0 + j) * ldb + kk];
            finite &= Float.isFinite(v);
            d[row + j] = v;
          }
        } else {
          finite &= kernel.copyFinite(b, bOff + kk * ldb + j0, d, row, cols);
        }
        if (cols < p) Arrays.fill(d, row + cols, row + p, 0f);
      }
    }
    into.finite = finite;
    return into;
  }

  /** The width P of {@link ColumnPanels}' panels on this GEMM's micro-kernel. */
  public int sparsePanelWidth() {
    return kernel.sparsePanelWidth();
  }

  /**
   * Makes {@code into} read op(B) [k × n] where it lies, {@code b[bOff …]} being already in the layout of
   * {@link ColumnPanels} with n a multiple of P ({@link #sparsePanelWidth()}, so no padding): a first layer's weights
   * stored so while it trains, read by each step's forward product without a copy (docs/architecture.md, "A training
   * step on the input's zeros"). Notes whether every value is finite, as a fill does.
   *
   * @return {@code into}
   * @throws IllegalArgumentException if n is not a multiple of P or B does not lie in {@code b}
   */
  public ColumnPanels viewColumns(ColumnPanels into, int k, int n, float[] b, int bOff) {
    Objects.requireNonNull(into, "into");
    Objects.requireNonNull(b, "b");
    checkPanelLayout("B", k, n, b, bOff);
    into.view(kernel, k, n, b, bOff, kernel.allFinite(b, bOff, k * n));
    return into;
  }

  /** A matrix [rows × n] in the layout of column panels must have n a multiple of P and lie in {@code x}. */
  private void checkPanelLayout(String name, int rows, int n, float[] x, int off) {
    int p = kernel.sparsePanelWidth();
    if (rows < 0 || n < 0 || n % p != 0) {
      throw new IllegalArgumentException("gemm: " + name + " in column panels must be rows x n with n a multiple of " + p
          + ", got " + rows + " x " + n);
    }
    long length = (long) rows * n;
    if (off < 0 || off + length > x.length) {
      throw new IllegalArgumentException("gemm: " + name + " (" + rows + " x " + n + " in column panels from offset " + off
          + ") does not lie in an array of length " + x.length);
    }
  }

  /**
   * Indexes the {@code m} rows × {@code k} of a row-major A ({@code A(i, κ) = x[xOff + i·ld + κ]}) for a product on
   * sparse rows: each row's nonzeros, the pairing ({@link SparseRows.Pairing#BY_COUNT}) and the pairs' unions
   * ({@link SparseRows}). A is read in place by the products that follow; the index holds only while A is unchanged.
   *
   * @return {@code into}
   * @throws IllegalArgumentException if A does not lie in {@code x}
   */
  public SparseRows indexRows(SparseRows into, int m, int k, float[] x, int xOff, int ld) {
    return indexRows(into, m, k, x, xOff, ld, SparseRows.Pairing.BY_COUNT);
  }

  /**
   * As {@link #indexRows(SparseRows, int, int, float[], int, int)}, the rows paired as {@code pairing} says; the
   * products' results do not depend on it, their cost does.
   */
  public SparseRows indexRows(SparseRows into, int m, int k, float[] x, int xOff, int ld, SparseRows.Pairing pairing) {
    Objects.requireNonNull(pairing, "pairing");
    indexBits(into, m, k, x, xOff, ld).pair(pairing, kernel);
    return into;
  }

  /**
   * As {@link #indexRows(SparseRows, int, int, float[], int, int)}, the rows paired as {@code pairing} gives them (from
   * {@link SparseRows#pairing()} of an earlier index of rows like these): a pairing found once at a cost
   * ({@link SparseRows.Pairing#SIMILAR}) used again, for a set evaluated epoch after epoch.
   *
   * @throws IllegalArgumentException if {@code pairing} does not hold each of the m rows once
   */
  public SparseRows indexRows(SparseRows into, int m, int k, float[] x, int xOff, int ld, int[] pairing) {
    Objects.requireNonNull(pairing, "pairing");
    indexBits(into, m, k, x, xOff, ld).pair(pairing, kernel);
    return into;
  }

  /** {@code into} reshaped for A and each row's nonzeros marked, before the rows are paired. */
  private SparseRows indexBits(SparseRows into, int m, int k, float[] x, int xOff, int ld) {
    Objects.requireNonNull(into, "into");
    if (m < 0 || k < 0) throw new IllegalArgumentException("gemm: dimensions must be >= 0, got m=" + m + " k=" + k);
    checkOperand("A", x, xOff, ld, m, k);
    into.reshape(m, k, x, xOff, ld);
    for (int i = 0; i < m; i++) kernel.nonzeroBits(x, xOff + i * ld, k, into.rowBits, i * into.words);
    return into;
  }

  /**
   * C[M×N] = A·B + 1·biasᵀ, then max(·, 0) with {@link Epilogue#BIAS_RELU}, with A indexed as {@link SparseRows} and B
   * in {@link ColumnPanels}: only the k at which a pair of rows has a nonzero are multiplied, the pairs in turn on the
   * calling thread (an evaluation's worker: one chunk of a data set). Each element gets the sums of the dense product
   * ({@link #ab(int, int, int, RowPanels, int, PackedMatrix, float[], int, int, Epilogue, float[], int)}) in the same K
   * blocks and order without its products with A's zeros, which add ±0 to sums that are never −0: the same bits, where
   * B is finite ({@link ColumnPanels#finite()}) and the product does not take the path of few columns
   * ({@link #fewColumnsWidth()}), whose sums are formed otherwise.
   *
   * @throws IllegalArgumentException if the shapes do not match the operands or B was filled for another micro-kernel
   */
  public void ab(int m, int n, int k, SparseRows a, ColumnPanels b, float[] c, int cOff, int ldc, Epilogue epilogue,
      float[] bias, int biasOff) {
    workers[0].part.ab(m, n, k, a, b, c, cOff, ldc, epilogue, bias, biasOff);
  }

  /**
   * C[M×N] = A·B with A indexed as {@link SparseRows} and B in {@link ColumnPanels}, without an epilogue (a weight
   * gradient): as {@link #ab(int, int, int, SparseRows, ColumnPanels, float[], int, int, Epilogue, float[], int)} with a
   * zero bias, whose addition changes no bit (a sum here is never −0) but cost a pass over C's tiles.
   *
   * @throws IllegalArgumentException if the shapes do not match the operands or B was filled for another micro-kernel
   */
  public void ab(int m, int n, int k, SparseRows a, ColumnPanels b, float[] c, int cOff, int ldc) {
    workers[0].part.ab(m, n, k, a, b, c, cOff, ldc);
  }

  /**
   * C[M×N] = A·B as {@link #ab(int, int, int, SparseRows, ColumnPanels, float[], int, int)} (the same bits), C written in
   * the layout of {@link ColumnPanels}, C(i, j) at {@code c[cOff + (j / P)·M·P + i·P + j mod P]} with N a multiple of P
   * ({@link #sparsePanelWidth()}): a weight gradient laid out as its weights are stored ({@link #viewColumns}). With a
   * {@code sink}, each panel of C is handed over as soon as it is done, as row j / P of a (N / P) × (M·P) matrix (its
   * M·P values in one segment; an update that takes each element on its own, as SGD's).
   *
   * @throws IllegalArgumentException if the shapes do not match the operands, N is not a multiple of P or C does not lie
   *     in {@code c}
   */
  public void abIntoPanels(int m, int n, int k, SparseRows a, ColumnPanels b, float[] c, int cOff, RowSink sink) {
    workers[0].part.abIntoPanels(m, n, k, a, b, c, cOff, sink);
  }

  /**
   * The products on sparse rows, on the calling thread with {@code on}'s buffers (worker 0's, or a part's:
   * {@link #part}); with {@code panelsOut}, C in the layout of column panels (ldc = P, panel j0's rows from cOff + j0·M)
   * and each panel handed to {@code sink} (if any) once done. C's bounds are checked by the caller.
   */
  private void sparseProduct(Worker on, int m, int n, int k, SparseRows a, ColumnPanels b, float[] c, int cOff, int ldc,
      boolean panelsOut, RowSink sink, float[] bias, int biasOff, boolean relu) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (a.m != m || a.k != k || b.k != k || b.n != n) {
      throw new IllegalArgumentException("gemm: the sparse rows are " + a.m + " x " + a.k + " and the column panels " + b.k
          + " x " + b.n + " but the product needs " + m + " x " + k + " times " + k + " x " + n);
    }
    if (k > 0 && n > 0 && b.kernel != kernel) {
      throw new IllegalArgumentException("gemm: the column panels were filled for another micro-kernel; fill them with this Gemm");
    }
    if (m == 0 || n == 0) return;
    if (k == 0) {
      if (panelsOut) {
        Arrays.fill(c, cOff, cOff + m * n, 0f);
        for (int j0 = 0; sink != null && j0 < n; j0 += b.p) sink.accept(j0 / b.p, 0, c, cOff + j0 * m, m * b.p);
      } else {
        epilogueOnly(m, n, c, cOff, ldc, false, bias, biasOff, relu);
      }
      return;
    }
    SparseCall job = on.ownSparse.set(m, n, k, a, b, c, cOff, ldc, panelsOut, sink, bias, biasOff, relu);
    try {
      on.runSparse(job);
    } finally {
      job.clear();
    }
  }

  /** The operands of a product on {@link SparseRows} ({@link #sparseProduct}), one per worker. */
  private static final class SparseCall {
    int m, n, k, cOff, ldc, biasOff;
    SparseRows a;
    ColumnPanels b;
    float[] c, bias;
    boolean panelsOut, relu;
    RowSink sink;

    SparseCall set(int m, int n, int k, SparseRows a, ColumnPanels b, float[] c, int cOff, int ldc, boolean panelsOut,
        RowSink sink, float[] bias, int biasOff, boolean relu) {
      this.m = m;
      this.n = n;
      this.k = k;
      this.a = a;
      this.b = b;
      this.c = c;
      this.cOff = cOff;
      this.ldc = ldc;
      this.panelsOut = panelsOut;
      this.sink = sink;
      this.bias = bias;
      this.biasOff = biasOff;
      this.relu = relu;
      return this;
    }

    /** Drops the references to the caller's arrays. */
    void clear() {
      a = null;
      b = null;
      c = null;
      bias = null;
      sink = null;
    }
  }

  /** The first i in [from, to) with ks[i] >= key, or to: a binary search of the increasing ks. */
  private static int firstAtLeast(int[] ks, int from, int to, int key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ks[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Pair q of {@link #ab(int, int, int, SparseRows, ColumnPanels, float[], int, int, Epilogue, float[], int)} on the panel
   * at column j0 over the k of its list [from, to) (one K block): straight into C where the panel is whole and the pair
   * has two rows, else through a tile of P columns (C's columns copied in, the kept columns copied back, as the GEMM's
   * edge tiles do); after the last K block, + bias and max(·, 0) on the pair's rows while they are in cache.
   */
  private void sparsePair(SparseRows a, ColumnPanels b, int q, int from, int to, int j0, float[] c, int cOff,
      int ldc, boolean acc, float[] bias, int biasOff, boolean relu, float[] t) {
    float[] x = a.x;
    int p = b.p;
    int cols = Math.min(p, b.n - j0);
    int r0 = a.pairRows[2 * q];
    int r1 = a.pairRows[2 * q + 1];
    int x0 = a.xOff + r0 * a.ld;
    int x1 = r1 >= 0 ? a.xOff + r1 * a.ld : x0;
    int wOff = b.off + j0 * b.k;
    int c0 = cOff + r0 * ldc + j0;
    int c1 = r1 >= 0 ? cOff + r1 * ldc + j0 : -1;
    if (cols == p && r1 >= 0) {
      kernel.sparsePairPanel(a.pairKs, from, to, x, x0, x1, b.data, wOff, c, c0, c, c1, acc);
    } else {
      if (acc) {
        System.arraycopy(c, c0, t, 0, cols);
        if (r1 >= 0) System.arraycopy(c, c1, t, p, cols);
      }
      kernel.sparsePairPanel(a.pairKs, from, to, x, x0, x1, b.data, wOff, t, 0, t, p, acc);
      System.arraycopy(t, 0, c, c0, cols);
      if (r1 >= 0) System.arraycopy(t, p, c, c1, cols);
    }
    if (bias != null) {
      kernel.biasRelu(c, c0, cols, bias, biasOff + j0, relu);
      if (r1 >= 0) kernel.biasRelu(c, c1, cols, bias, biasOff + j0, relu);
    }
  }

  private void packedProduct(int m, int n, int k, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    packedProduct(m, n, k, a, aOff, lda, b, c, cOff, ldc, accumulate, bias, biasOff, relu, null, 0);
  }

  /** The products on a packed B: A as stored, or rows from {@code panelRow} of {@code panels} when not null (checked). */
  private void packedProduct(int m, int n, int k, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu, RowPanels panels, int panelRow) {
    checkPacked(b, k, n);
    if (m < 0) throw new IllegalArgumentException("gemm: dimensions must be >= 0, got m=" + m);
    if (panels == null) checkOperand("A", a, aOff, lda, m, k);
    checkOperand("C", c, cOff, ldc, m, n);
    if (m == 0 || n == 0) return;
    if (k == 0) {
      epilogueOnly(m, n, c, cOff, ldc, accumulate, bias, biasOff, relu);
      return;
    }
    if (b.rowsAsStored) {
      call.set(false, true, m, n, k, a, aOff, lda, b.data, 0, k, c, cOff, ldc, accumulate, bias, biasOff, relu);
      call.fewColumns = true;
    } else {
      call.set(false, false, m, n, k, a, aOff, lda, null, 0, 0, c, cOff, ldc, accumulate, bias, biasOff, relu);
      call.packed = b;
    }
    call.rowPanels = panels;
    call.panelRow = panelRow;
    try {
      int tasks = split(m, n, k);
      if (tasks == 1) {
        workers[0].range(call, 0, m, 0, n).compute();
      } else {
        group.invokeOn(pool, workers, tasks);
      }
    } finally {
      call.packed = null;
      call.rowPanels = null;
    }
  }

  /** Checks that {@code b} was packed by a GEMM on this kernel as the K × N operand of a product. */
  private void checkPacked(PackedMatrix b, int k, int n) {
    Objects.requireNonNull(b, "b");
    if (b.k != k || b.n != n) {
      throw new IllegalArgumentException("gemm: the packed B is " + b.k + " x " + b.n + " but the product needs " + k + " x " + n);
    }
    if (k > 0 && n > 0 && b.kernel != kernel) {
      throw new IllegalArgumentException("gemm: the packed B was packed for another micro-kernel; pack it with this Gemm");
    }
  }

  /** The depth of the GEMM's K blocks: equal blocks (784 → 4 × 196, not 3 × 256 + 16), no short last block. */
  private static int kStep(int k) {
    int kBlocks = (k + KC - 1) / KC;
    return (k + kBlocks - 1) / kBlocks;
  }

  /**
   * C[M×N] = A·Bᵀ + 1·biasᵀ, then max(·, 0) with {@link Epilogue#BIAS_RELU}: the dense-layer forward
   * shape (A a mini-batch [M × K], B the weights [N × K], PyTorch's layout), bias and ReLU fused.
   */
  public void abt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, Epilogue epilogue, float[] bias, int biasOff) {
    product(false, true, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, false, Objects.requireNonNull(bias, "bias"), biasOff,
        epilogue == Epilogue.BIAS_RELU);
  }

  /**
   * C ← (accumulate ? C : 0) + op(A)·op(B) in any {@link Form}, for benchmarks and tests that sweep the
   * forms; code with a fixed shape calls {@link #ab}, {@link #atb} or {@link #abt}.
   */
  public void multiply(Form form, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate) {
    product(form.transA, form.transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, 0, false);
  }

  /**
   * C ← (accumulate ? C : 0) + op(A)·op(B) + 1·biasᵀ, then ReLU if {@code relu}.
   *
   * @param transA  op(A) = Aᵀ, A stored K × M with leading dimension lda ≥ M; else A stored M × K, lda ≥ K
   * @param transB  op(B) = Bᵀ, B stored N × K with ldb ≥ K; else B stored K × N, ldb ≥ N
   * @param bias    N values added to every row of C after the product, or {@code null}
   * @param relu    apply max(·, 0) after the bias
   * @throws IllegalArgumentException if a dimension is negative, a leading dimension too small or an
   *                                  array too short for the shapes given
   */
  void product(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    checkShapes(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, bias, biasOff);
    if (m == 0 || n == 0) return;
    if (k == 0) {
      epilogueOnly(m, n, c, cOff, ldc, accumulate, bias, biasOff, relu);
      return;
    }
    if (transB && !transA && n <= kernel.fewColumnsWidth()) {
      // few columns (a classifier's outputs, B its weights as stored): dot products along K, which share each vector
      // of A between columns and each of B between rows where a tile would share only B's (GemmKernel#productFewColumns)
      call.set(false, true, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
      call.fewColumns = true;
      runCall(m, n, k);
      return;
    }
    if (transB && !transA && m <= SWAP_MAX_M && m < n && swapPays(m, n, k, kernel.mr(), kernel.nr())) {
      // Few rows (a dense layer's forward pass, A = a mini-batch): B would be transposed while packing
      // and each of its elements used only m times. Compute T = B·Aᵀ (B read in place, the small A
      // packed), and each worker then writes its block of C = Tᵀ with the epilogue, while T is in its cache.
      if (transposed.length < m * n) transposed = new float[m * n];
      call.set(false, true, n, m, k, b, bOff, ldb, a, aOff, lda, transposed, 0, m, false, null, 0, false);
      call.transposeInto(c, cOff, ldc, accumulate, bias, biasOff, relu);
      runCall(n, m, k);
      return;
    }
    run(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
  }

  /**
   * Whether C = A·Bᵀ (A m × k, B n × k) is cheaper as (B·Aᵀ)ᵀ, by a cost in multiply-adds:
   *
   * <pre>  swapped: k·⌈m⌉_NR·⌈n⌉_MR + 20·m·k + 35·m·n     direct: k·⌈m⌉_MR·⌈n⌉_NR + 20·n·k</pre>
   *
   * where ⌈x⌉_t rounds up to whole tiles (the padded edge tiles cost as much as full ones), 20 is what
   * packing a value of a transposed operand costs (A swapped, Bᵀ direct; ≈ 0.4 ns) and 35 a value of the
   * transposing epilogue (≈ 0.7 ns), both in multiply-adds of the 8 × 32 tile on the ≈ 111 GFLOP/s
   * AVX-512 machines. It picked the faster form for 16 of 20 shapes timed there, missing only by
   * 1–4% but for one (BENCHMARKS.md, "Issue 15, fifth session"). Swapping pays for a mini-batch of whole tiles
   * times a large weight matrix (64 × 784 · (256 × 784)ᵀ: 91 against 77 GFLOP/s); direct pays where
   * m is not a multiple of the tile width (100 × 100 · (512 × 100)ᵀ: 81 against 60).
   */
  static boolean swapPays(int m, int n, int k, int mr, int nr) {
    long swapped = (long) k * roundUp(m, nr) * roundUp(n, mr) + 20L * m * k + 35L * m * n;
    long direct = (long) k * roundUp(m, mr) * roundUp(n, nr) + 20L * n * k;
    return swapped < direct;
  }

  private static long roundUp(int x, int tile) {
    return (long) (x + tile - 1) / tile * tile;
  }

  private void run(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    call.set(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
    runCall(m, n, k);
  }

  /** Runs the call set in {@link #call} on one worker or split over the pool. */
  private void runCall(int m, int n, int k) {
    int tasks = split(m, n, k);
    if (tasks == 1) {
      workers[0].range(call, 0, m, 0, n).run();
      return;
    }
    group.invokeOn(pool, workers, tasks);
  }

  /** Cuts C into up to {@code threads()} ranges of whole MR-row or NR-column panels (or of a sink's row blocks). */
  private int split(int m, int n, int k) {
    int threads = workers.length;
    if (threads == 1 || callingThreadOnly || (long) m * n * k < MIN_PARALLEL_WORK) return 1;
    int mr = kernel.mr();
    int nr = kernel.nr();
    // split the larger side: each task then re-packs only the smaller operand. Aᵀ·B, the weight
    // gradient (A = the output gradients), goes by rows while there are enough of them, although each
    // task then packs all of B: a thread then writes the gradient of the weight rows that it reads in
    // the forward product and updates (the worker team gives a task the same thread every step), so
    // they stay in its cache. 784-256-10 at batch 64, 2 threads: steps 1.02-1.22x faster (6 pairs).
    int rowBlock = call.sink != null ? call.sink.rowBlock() : 1;
    boolean byRows = m > n || (call.transA && m >= threads * mr * ATB_ROW_PANELS) || rowBlock > 1;
    // a sink's row blocks stay whole (RowSink.rowBlock); a range may then end in a partial tile
    int step = rowBlock > 1 ? rowBlock : byRows ? mr : nr;
    int panels = ((byRows ? m : n) + step - 1) / step;
    int tasks = Math.min(threads, panels);
    for (int t = 0; t < tasks; t++) {
      int from = (int) ((long) panels * t / tasks) * step;
      int to = Math.min(byRows ? m : n, (int) ((long) panels * (t + 1) / tasks) * step);
      Call c = callFor(t);
      if (byRows) workers[t].range(c, from, to, 0, n);
      else workers[t].range(c, 0, m, from, to);
    }
    return tasks;
  }

  private static void epilogueOnly(int m, int n, float[] c, int cOff, int ldc, boolean accumulate,
      float[] bias, int biasOff, boolean relu) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int o = cOff + i * ldc + j;
        float v = accumulate ? c[o] : 0f;
        if (bias != null) v += bias[biasOff + j];
        c[o] = relu ? Math.max(v, 0f) : v;
      }
    }
  }

  private static void checkShapes(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
      float[] bias, int biasOff) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("gemm: dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
    }
    checkOperand("A", a, aOff, lda, transA ? k : m, transA ? m : k);
    checkOperand("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
    checkOperand("C", c, cOff, ldc, m, n);
    if (bias != null) checkBias(bias, biasOff, n);
  }

  private static void checkBias(float[] bias, int biasOff, int n) {
    if (biasOff < 0 || (long) biasOff + n > bias.length) {
      throw new IllegalArgumentException("gemm: bias needs " + n + " values from offset " + biasOff
          + " but has length " + bias.length);
    }
  }

  private static void checkOperand(String name, float[] x, int off, int ld, int rows, int cols) {
    Objects.requireNonNull(x, name);
    if (rows == 0 || cols == 0) return;
    if (ld < cols) {
      throw new IllegalArgumentException("gemm: leading dimension of " + name + " is " + ld
          + " but the stored matrix is " + rows + " x " + cols + " (need ld >= " + cols + ")");
    }
    long last = (long) off + (long) (rows - 1) * ld + cols;
    if (off < 0 || last > x.length) {
      throw new IllegalArgumentException("gemm: " + name + " (" + rows + " x " + cols + ", ld " + ld
          + ", offset " + off + ") needs " + last + " elements but has " + x.length);
    }
  }

  /** The arguments of the call in progress, shared read-only by the workers. */
  private static final class Call {
    boolean transA, transB, accumulate, relu;
    int m, n, k, aOff, lda, bOff, ldb, cOff, ldc, biasOff;
    float[] a, b, c, bias;
    /** B already packed ({@link #pack}), or {@code null} when the workers pack it. */
    PackedMatrix packed;
    /**
     * A as rows [panelRow, panelRow + M) of a matrix in row panels, or null ({@link #ab(int, int, int, RowPanels, int,
     * PackedMatrix, float[], int, int, Epilogue, float[], int)}), set after {@link #set}, which leaves it as it is.
     */
    RowPanels rowPanels;
    int panelRow;
    /** Whether the product goes through {@link GemmKernel#productFewColumns} (B then stored n × k, transB). */
    boolean fewColumns;
    /** Where the rows of C go instead of C ({@link #atb(int, int, int, float[], int, int, float[], int, int, RowSink)}), or null. */
    RowSink sink;
    /**
     * Where the product (then T = B·Aᵀ) is written transposed with the epilogue below, block by block
     * ({@link GemmKernel#transposeEpilogue}); null when the product is C itself.
     */
    float[] target;
    int targetOff, targetLd, targetBiasOff;
    boolean targetAccumulate, targetRelu;
    float[] targetBias;

    /** This call as {@code o}, reading {@code replica} wherever {@code o} reads {@code original}; returns this. */
    Call copy(Call o, float[] original, float[] replica) {
      set(o.transA, o.transB, o.m, o.n, o.k, o.a == original ? replica : o.a, o.aOff, o.lda, o.b == original ? replica : o.b,
          o.bOff, o.ldb, o.c, o.cOff, o.ldc, o.accumulate, o.bias, o.biasOff, o.relu);
      packed = o.packed;
      rowPanels = o.rowPanels;
      panelRow = o.panelRow;
      fewColumns = o.fewColumns;
      sink = o.sink;
      target = o.target;
      targetOff = o.targetOff;
      targetLd = o.targetLd;
      targetBiasOff = o.targetBiasOff;
      targetAccumulate = o.targetAccumulate;
      targetRelu = o.targetRelu;
      targetBias = o.targetBias;
      return this;
    }

    void transposeInto(float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
      target = c;
      targetOff = cOff;
      targetLd = ldc;
      targetAccumulate = accumulate;
      targetBias = bias;
      targetBiasOff = biasOff;
      targetRelu = relu;
    }

    void set(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
        float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate,
        float[] bias, int biasOff, boolean relu) {
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.n = n;
      this.k = k;
      this.a = a;
      this.aOff = aOff;
      this.lda = lda;
      this.b = b;
      this.bOff = bOff;
      this.ldb = ldb;
      this.c = c;
      this.cOff = cOff;
      this.ldc = ldc;
      this.accumulate = accumulate;
      this.bias = bias;
      this.biasOff = biasOff;
      this.relu = relu;
      this.target = null;
      this.targetBias = null;
      this.fewColumns = false;
    }
  }

  /** One range of C with its own packing buffers. */
  private final class Worker extends RecursiveAction {
    private float[] aPack = new float[0];
    /** A chunk of row panels of a transposed A packed in rows at once ({@link GemmKernel#packTransposedRows}). */
    private float[] aRows = new float[0];
    private float[] bPack = new float[0];
    /** MR rows of a product handed to a {@link RowSink}, as wide as the column block. */
    private float[] strip = new float[0];
    /** {@link GemmKernel#productFewColumns}' scratch. */
    private float[] fewScratch = new float[0];
    /** The B blocks of a group of K blocks ({@link #kGroup}), one array each. */
    private float[][] groupPacks = new float[0][];
    /** The packed k-major panels of up to {@link #A_BLOCK_ROWS} rows of A ({@link #blockPackedA}). */
    private float[][] aBlock = new float[0][];
    private final float[] tile = new float[kernel.mr() * kernel.nr()];
    /** A k-major panel for {@link #primeRowPanels}, made by the first priming. */
    private float[] primePanel = new float[0];
    private final float[] tileBias = new float[kernel.nr()];
    /** This worker's copy of the call where it reads a replica ({@link #replicate}). */
    private final Call ownCall = new Call();
    /** This worker's index: part {@code index} of {@link #runParts} runs on it. */
    private final int index;
    /** Its products on sparse rows ({@link #sparseProduct}). */
    private final SparseCall ownSparse = new SparseCall();
    /** The region's parts this worker runs one of ({@link #runParts}), or null. */
    private IntConsumer parts;
    /** This worker's share of a region ({@link #part}). */
    private final Part part = new Part(this);
    /** Two rows of a panel for the edge pairs of a product on {@link SparseRows}; grown once. */
    private float[] sparseTile = new float[0];
    /**
     * Per pair of a product on {@link SparseRows} and K block b: where the block's part of its list starts, at
     * [q·(blocks + 1) + b] (the list's end after the last block); found once for all of B's panels, grown once.
     */
    private int[] sparseBounds = new int[0];
    private Call call;
    private int i0, i1, j0, j1;

    Worker range(Call call, int i0, int i1, int j0, int j1) {
      this.call = call;
      this.i0 = i0;
      this.i1 = i1;
      this.j0 = j0;
      this.j1 = j1;
      return this;
    }

    Worker(int index) {
      this.index = index;
    }

    @Override protected void compute() {
      if (parts != null) parts.accept(index);
      else if (call.rowPanels != null && !call.fewColumns) runRowPanels();
      else run();
    }

    /**
     * The product on sparse rows {@code s}, panel by panel, K block by K block: a block of B's panel (196 × 128 floats at
     * K = 784) serves every pair from L2; each panel of C handed to the sink, if any, once done.
     */
    void runSparse(SparseCall s) {
      SparseRows a = s.a;
      int p = s.b.p;
      if (sparseTile.length < 2 * p) sparseTile = new float[2 * p];
      int kStep = kStep(s.k);
      int blocks = (s.k + kStep - 1) / kStep;
      int[] bounds = blockBounds(a, kStep, blocks);
      for (int panel = 0, panels = (s.n + p - 1) / p; panel < panels; panel++) {
        int j0 = panel * p;
        // C's panel j0 (rows of P from cOff + j0·M) addressed as C rows of ldc = P from cOff + j0·M − j0
        int base = s.panelsOut ? s.cOff + j0 * s.m - j0 : s.cOff;
        for (int b = 0; b < blocks; b++) {
          boolean last = b == blocks - 1;
          for (int q = 0, at = b; q < a.pairs; q++, at += blocks + 1) {
            sparsePair(a, s.b, q, bounds[at], bounds[at + 1], j0, s.c, base, s.ldc, b > 0, last ? s.bias : null, s.biasOff,
                last && s.relu, sparseTile);
          }
        }
        if (s.sink != null) s.sink.accept(panel, 0, s.c, s.cOff + j0 * s.m, s.m * p);
      }
    }

    /** {@link #sparseBounds} for the pairs of {@code a} and K blocks of {@code kStep}: a binary search per pair and block. */
    private int[] blockBounds(SparseRows a, int kStep, int blocks) {
      int stride = blocks + 1;
      if (sparseBounds.length < a.pairs * stride) sparseBounds = new int[a.pairs * stride];
      int[] bounds = sparseBounds;
      for (int q = 0; q < a.pairs; q++) {
        int at = a.pairStart[q];
        int end = a.pairStart[q + 1];
        for (int b = 0; b < blocks - 1; b++) {
          bounds[q * stride + b] = at;
          at = firstAtLeast(a.pairKs, at, end, (b + 1) * kStep);
        }
        bounds[q * stride + blocks - 1] = at;
        bounds[q * stride + blocks] = end;
      }
      return bounds;
    }

    /**
     * {@link #run} for A in row panels ({@link Call#rowPanels}) and B packed: the same column and K blocks, each through
     * {@link #blockRowPanels}. A method of its own, so that the training's products, which never take this path,
     * keep their compiled code when an evaluation first does (C2 compiles a branch it has not seen taken as a trap).
     */
    void runRowPanels() {
      final Call p = call;
      final PackedMatrix packed = p.packed;
      final int nr = kernel.nr();
      int kStep = kStep(p.k);
      int ncStep = Math.max(nr, blockWidth(kStep, nr, l2Bytes) / nr * nr);
      for (int jc = j0; jc < j1; jc += ncStep) {
        int nc = Math.min(ncStep, j1 - jc);
        for (int pc = 0; pc < p.k; pc += kStep) {
          int kc = Math.min(kStep, p.k - pc);
          boolean last = pc + kc == p.k;
          blockRowPanels(packed.data, pc * packed.paddedN + jc * kc, pc, kc, jc, nc, p.accumulate || pc > 0,
              last ? p.bias : null, last && p.relu);
        }
      }
    }

    void run() {
      final Call p = call;
      if (p.fewColumns) {
        runFewColumns();
        return;
      }
      if (packsTransposedA()) {
        runPackedTransposedA();
        return;
      }
      final GemmKernel g = kernel;
      final int nr = g.nr();
      final PackedMatrix packed = p.packed;
      int kStep = kStep(p.k);
      // rows handed to a sink: one block as wide as this worker's columns (up to SINK_WIDTH), so that each
      // row segment is long and A's panels are packed once (BENCHMARKS.md, "Issue 15, twentieth session")
      int width = p.sink != null ? Math.min(j1 - j0, SINK_WIDTH) : blockWidth(kStep, nr, l2Bytes);
      // A packed in blocks: B's block as wide as this worker's columns, up to A_BLOCK_NC (the block in L3)
      if (packed == null && !NC_FORCED && (packsABlocks(Math.min(width, j1 - j0), kStep) || packsWideStreamedB(kStep))) {
        width = Math.max(width, Math.min(j1 - j0, A_BLOCK_NC));
      }
      ensureBuffers(nr, kStep, packed != null ? 0 : Math.min(width, j1 - j0));
      if (p.sink != null && strip.length < kernel.mr() * width) strip = new float[kernel.mr() * width];
      // with B pre-packed, a column block must start on a panel boundary (j0 does: split() cuts whole panels)
      int ncStep = packed != null ? Math.max(nr, width / nr * nr) : width;
      int group = packed == null && p.sink == null && !packsABlocks(Math.min(ncStep, j1 - j0), kStep)
          ? kGroup(p, kStep, Math.min(ncStep, j1 - j0)) : 1;
      for (int jc = j0; jc < j1; jc += ncStep) {
        int nc = Math.min(ncStep, j1 - jc);
        if (group > 1) {
          for (int pc0 = 0; pc0 < p.k; pc0 += group * kStep) {
            int count = Math.min(group, (p.k - pc0 + kStep - 1) / kStep);
            for (int q = 0; q < count; q++) {
              int pc = pc0 + q * kStep;
              g.packB(p.b, p.bOff, p.ldb, p.transB, pc, Math.min(kStep, p.k - pc), jc, nc, groupPacks[q]);
            }
            blockGroup(pc0, count, kStep, jc, nc);
          }
          continue;
        }
        for (int pc = 0; pc < p.k; pc += kStep) {
          int kc = Math.min(kStep, p.k - pc);
          boolean acc = p.accumulate || pc > 0;
          boolean last = pc + kc == p.k;
          float[] bias = last ? p.bias : null;
          boolean relu = last && p.relu;
          if (packed == null) {
            g.packB(p.b, p.bOff, p.ldb, p.transB, pc, kc, jc, nc, bPack);
            block(bPack, 0, pc, kc, jc, nc, acc, bias, relu);
          } else {
            block(packed.data, pc * packed.paddedN + jc * kc, pc, kc, jc, nc, acc, bias, relu);
          }
        }
      }
      if (p.target != null) {
        // this worker's rows [i0, i1) of T are the columns [i0, i1) of the target, its columns the rows
        g.transposeEpilogue(p.ldc, j0, j1, i0, i1, p.c, p.target, p.targetOff, p.targetLd, p.targetAccumulate,
            p.targetBias, p.targetBiasOff, p.targetRelu);
      }
    }

    /**
     * This worker's rows and columns of a product with few columns ({@link Call#fewColumns}); A in row panels is
     * copied back to rows a panel at a time (the same values, so the same bits as on A as stored).
     */
    private void runFewColumns() {
      final Call p = call;
      int need = kernel.fewColumnsScratch(j1 - j0);
      if (fewScratch.length < need) fewScratch = new float[need];
      if (p.rowPanels == null) {
        kernel.productFewColumns(p.k, i0, i1, j0, j1, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, p.c, p.cOff, p.ldc,
            p.accumulate, p.bias, p.biasOff, p.relu, fewScratch);
        return;
      }
      final RowPanels panels = p.rowPanels;
      final int mr = panels.mr;
      final int k = p.k;
      if (strip.length < mr * k) strip = new float[mr * k];
      for (int r = i0; r < i1; r += mr) {
        int rows = Math.min(mr, i1 - r);
        int base = (p.panelRow + r) / mr * mr * k;
        for (int q = 0; q < rows; q++) {
          for (int kk = 0; kk < k; kk++) strip[q * k + kk] = panels.data[base + kk * mr + q];
        }
        kernel.productFewColumns(k, 0, rows, j0, j1, strip, 0, k, p.b, p.bOff, p.ldb, p.c, p.cOff + r * p.ldc, p.ldc,
            p.accumulate, p.bias, p.biasOff, p.relu, fewScratch);
      }
    }

    /**
     * Whether this worker runs as {@link #runPackedTransposedA}: Aᵀ·B in one K block (a weight gradient: K is the
     * mini-batch), B row-major, no bias, ReLU or transposed target, on a kernel that reads k-major panels (not
     * {@link APanels#ROWS}), stored or handed to a sink that takes segments in any order, where this worker has at
     * least {@link #IN_PLACE_BY_COLUMNS_PANELS} row panels, its B block would exceed twice L1 (32 KiB where unknown)
     * and its packed A fits in an eighth of L2 ({@link #PACKED_A_L2_FRACTION}), where it stays while the column
     * blocks go past. That way 100-512-10's weight gradients (512 × 100 × 100: B 40 KB, A 200 KB; 10 × 512 × 100:
     * one row panel) made its steps 2–10% slower on the Intel Xeon of the twenty-ninth session, 784-256-10's
     * (256 × 784 × 64: B 200 KB, A 64 KB) 3–4% faster (BENCHMARKS.md, "Issue 15, twenty-ninth session").
     */
    private boolean packsTransposedA() {
      final Call p = call;
      if (!PACKED_TRANSPOSED_A || !p.transA || p.transB || p.k > KC || p.k == 0 || kernel.aPanels() == APanels.ROWS) return false;
      if (p.packed != null || p.rowPanels != null || p.target != null || p.bias != null || p.relu) return false;
      if (p.sink != null && p.sink.rowBlock() != 1) return false;
      long l1 = L1_BYTES > 0 ? L1_BYTES : 32L << 10;
      long l2 = l2Bytes > 0 ? l2Bytes : 1L << 20;
      return i1 - i0 >= IN_PLACE_BY_COLUMNS_PANELS * kernel.mr() && (long) p.k * (j1 - j0) * Float.BYTES > 2 * l1
          && (long) (i1 - i0) * p.k * Float.BYTES <= l2 / PACKED_A_L2_FRACTION;
    }

    /**
     * {@link #run} for Aᵀ·B in one K block (a weight gradient): this worker's whole row panels of the transposed A
     * packed k-major once (in place their MR values of each k lie lda apart: a mini-batch's output gradient, lda =
     * the layer's width, its k-steps of a panel on a few cache sets of L1), then column blocks
     * {@link Gemm#packedABlockWidth} wide, whose packed B stays in L1 while the row panels go past; with a sink each
     * row panel's strip is handed over as soon as it is done. A last partial row panel as in {@link #panel}; a last
     * partial column panel, where the kernel has the path, for whole blocks of rows at once as in {@link #block}.
     * Each tile adds the same products in the same order as there: the same bits.
     */
    private void runPackedTransposedA() {
      final Call p = call;
      final GemmKernel g = kernel;
      final int mr = g.mr();
      final int nr = g.nr();
      final int kc = p.k;
      final RowSink sink = p.sink;
      int fullEnd = i0 + (i1 - i0) / mr * mr;
      int panels = (fullEnd - i0) / mr;
      ensureABlock(panels, g.aPackLength(kc));
      for (int q = 0; q < panels; q++) g.packA(p.a, p.aOff, p.lda, true, i0 + q * mr, mr, 0, kc, aBlock[q]);
      int width = Math.min(j1 - j0, packedABlockWidth(kc, nr, L1_BYTES));
      ensureBuffers(nr, kc, width);
      if (sink != null && strip.length < mr * width) strip = new float[mr * width];
      final float[] c = sink != null ? strip : p.c;
      final int ldc = sink != null ? width : p.ldc;
      for (int jc = j0; jc < j1; jc += width) {
        int nc = Math.min(width, j1 - jc);
        int full = nc / nr * nr;
        // a last few columns for whole blocks of rows at once (stored products only, as block() does)
        boolean edgeColumns = sink == null && full < nc && nc - full <= g.edgeColumnsWidth();
        int edgeRows = g.edgeColumnsRows();
        int edgeEnd = edgeColumns ? i0 + (fullEnd - i0) / edgeRows * edgeRows : i0;
        g.packB(p.b, p.bOff, p.ldb, false, 0, kc, jc, nc, bPack);
        for (int q = 0; q < panels; q++) {
          int ir = i0 + q * mr;
          int cRow = sink != null ? 0 : p.cOff + ir * p.ldc + jc;
          if (PANELS_TO_PRIME.get() > 0 && nc >= nr) prime(kc, false, true, aBlock[q], 0, mr, bPack, 0, !p.accumulate);
          int tiles = ir < edgeEnd ? full : nc;
          for (int jr = 0; jr < tiles; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            if (cols == nr) g.microKernel(kc, aBlock[q], bPack, jr * kc, c, cRow + jr, ldc, p.accumulate, null, 0, false);
            else edgeTile(kc, false, true, aBlock[q], 0, mr, bPack, jr * kc, c, cRow + jr, ldc, mr, cols, p.accumulate, null, 0,
                false);
          }
          if (sink != null) sink.acceptRows(ir, mr, jc, strip, 0, ldc, nc);
        }
        if (edgeEnd > i0) {
          g.edgeColumnsTransposedA(kc, p.a, p.aOff + i0, p.lda, edgeEnd - i0, bPack, full * kc, nc - full, p.c,
              p.cOff + i0 * p.ldc + jc + full, p.ldc, p.accumulate);
        }
        if (fullEnd < i1) panel(fullEnd, bPack, 0, 0, kc, jc, nc, p.accumulate, null, false, -1);
      }
    }

    /** C[i0:i1, jc:jc+nc] over the K block [pc, pc+kc), B's panels packed at {@code bp[bBase …]}. */
    private void block(float[] bp, int bBase, int pc, int kc, int jc, int nc, boolean acc, float[] bias, boolean relu) {
      final Call p = call;
      final GemmKernel g = kernel;
      if (packsABlocks(nc, kc)) {
        blockPackedA(bp, bBase, pc, kc, jc, nc, acc, bias, relu);
        return;
      }
      if (readsInPlaceByColumns(nc, kc)) {
        blockInPlaceByColumns(bp, bBase, pc, kc, jc, nc, acc, bias, relu);
        return;
      }
      // a transposed A packed in rows: a chunk of panels at a time, so that its register transposes keep every row
      int chunk = p.transA && g.aPanels() == APanels.ROWS ? g.transposedRowsChunk() : 0;
      // a weight gradient's last few columns: for whole blocks of rows at once, after the whole panels, instead of
      // a tile each; the rows past the last block (and a range shorter than one) keep their tiles
      int full = nc / g.nr() * g.nr();
      boolean edgeColumns = p.transA && p.sink == null && bias == null && !relu && full < nc && nc - full <= g.edgeColumnsWidth();
      int edgeRows = g.edgeColumnsRows();
      int edgeEnd = edgeColumns ? i0 + (i1 - i0) / edgeRows * edgeRows : i0;
      for (int ir = i0; ir < i1; ir += g.mr()) {
        int width = ir < edgeEnd ? full : nc;
        if (width == 0) continue;
        int inChunk = chunk > 0 ? (ir - i0) % chunk : -1;
        if (inChunk == 0) g.packTransposedRows(p.a, p.aOff, p.lda, ir, Math.min(chunk, i1 - ir), pc, kc, aRows);
        panel(ir, bp, bBase, pc, kc, jc, width, acc, bias, relu, inChunk < 0 ? -1 : inChunk * kc);
      }
      if (edgeEnd > i0) {
        g.edgeColumnsTransposedA(kc, p.a, p.aOff + pc * p.lda + i0, p.lda, edgeEnd - i0, bp, bBase + full * kc, nc - full, p.c,
            p.cOff + i0 * p.ldc + jc + full, p.ldc, acc);
      }
    }

    /**
     * Whether {@link #block} runs as {@link #blockInPlaceByColumns}: a row-major A read in place (the kernel does not
     * pack its panels for these columns), at least two column panels, and this worker's rows of the K block, at least
     * {@link #IN_PLACE_BY_COLUMNS_PANELS} panels of them, within a quarter of L2, where they stay while the column
     * panels go past.
     */
    private boolean readsInPlaceByColumns(int nc, int kc) {
      final Call p = call;
      return IN_PLACE_BY_COLUMNS && !p.transA && p.sink == null && nc >= 2 * kernel.nr()
          && i1 - i0 >= IN_PLACE_BY_COLUMNS_PANELS * kernel.mr()
          && kernel.aPanels() != APanels.ROWS && !kernel.aPanels().packsRowMajor(p.m, nc) && PANELS_TO_PRIME.get() <= 0
          && (long) (i1 - i0) * kc * Float.BYTES <= l2Bytes / 4;
    }

    /**
     * {@link #block} for a row-major A read in place, column panel by column panel over its whole row panels (each
     * packed B panel then stays in L1 while A's rows, in L2, go past; row panel by row panel streams all of B's block
     * from L2 for each); a last partial row panel as in {@link #panel}. Each tile adds the same products in the same
     * order: the same bits.
     */
    private void blockInPlaceByColumns(float[] bp, int bBase, int pc, int kc, int jc, int nc, boolean acc, float[] bias,
        boolean relu) {
      final Call p = call;
      final GemmKernel g = kernel;
      final int mr = g.mr();
      final int nr = g.nr();
      int fullEnd = i0 + (i1 - i0) / mr * mr;
      for (int jr = 0; jr < nc; jr += nr) {
        int cols = Math.min(nr, nc - jr);
        int bpOff = bBase + jr * kc;
        int biasOff = p.biasOff + jc + jr;
        for (int ir = i0; ir < fullEnd; ir += mr) {
          int aIdx = p.aOff + ir * p.lda + pc;
          int cIdx = p.cOff + ir * p.ldc + jc + jr;
          if (cols == nr) g.microKernelDirectA(kc, p.a, aIdx, p.lda, bp, bpOff, p.c, cIdx, p.ldc, acc, bias, biasOff, relu);
          else edgeTile(kc, true, false, p.a, aIdx, p.lda, bp, bpOff, p.c, cIdx, p.ldc, mr, cols, acc, bias, biasOff, relu);
        }
      }
      if (fullEnd < i1) panel(fullEnd, bp, bBase, pc, kc, jc, nc, acc, bias, relu, -1);
    }

    /**
     * {@link #block} with A's panels read from {@link Call#rowPanels}: column panel by column panel (the loop order of
     * BLIS: each packed B panel stays in L1 while A's panels go past from L2) where this worker's rows of the K block
     * take at most a quarter of L2, else row panel by row panel (each A panel, from memory, read once). Each tile adds
     * the same products in the same order as {@link #panel}'s: the same bits.
     */
    private void blockRowPanels(float[] bp, int bBase, int pc, int kc, int jc, int nc, boolean acc, float[] bias, boolean relu) {
      final int mr = kernel.mr();
      final int nr = kernel.nr();
      if ((long) (i1 - i0) * kc * Float.BYTES <= l2Bytes / 4) {
        for (int jr = 0; jr < nc; jr += nr) {
          for (int ir = i0; ir < i1; ir += mr) rowPanelTile(bp, bBase, pc, kc, jc, nc, ir, jr, acc, bias, relu);
        }
      } else {
        for (int ir = i0; ir < i1; ir += mr) {
          for (int jr = 0; jr < nc; jr += nr) rowPanelTile(bp, bBase, pc, kc, jc, nc, ir, jr, acc, bias, relu);
        }
      }
    }

    /** The tile at row ir, columns jc + jr of {@link #blockRowPanels}. */
    private void rowPanelTile(float[] bp, int bBase, int pc, int kc, int jc, int nc, int ir, int jr, boolean acc, float[] bias,
        boolean relu) {
      final Call p = call;
      final GemmKernel g = kernel;
      final int mr = g.mr();
      int rows = Math.min(mr, i1 - ir);
      int cols = Math.min(g.nr(), nc - jr);
      int bpOff = bBase + jr * kc;
      int biasOff = p.biasOff + jc + jr;
      // the panel of row panelRow + ir (a multiple of MR) starts at (panelRow + ir)·K, its K block pc at pc·MR within
      int aIdx = (p.panelRow + ir) * p.k + pc * mr;
      int cIdx = p.cOff + ir * p.ldc + jc + jr;
      float[] a = p.rowPanels.data;
      if (cols < g.nr() || rows < mr) {
        edgeTile(kc, false, true, a, aIdx, mr, bp, bpOff, p.c, cIdx, p.ldc, rows, cols, acc, bias, biasOff, relu);
      } else if (acc) {
        // the K block into the worker's tile, then added to C: the kernel never accumulates here (GemmKernel.addTile)
        g.microKernelTransposedA(kc, a, aIdx, mr, bp, bpOff, tile, 0, g.nr(), false, null, 0, false);
        g.addTile(tile, 0, p.c, cIdx, p.ldc, bias, biasOff, relu);
      } else {
        g.microKernelTransposedA(kc, a, aIdx, mr, bp, bpOff, p.c, cIdx, p.ldc, false, bias, biasOff, relu);
      }
    }

    /**
     * Whether B's blocks are packed as wide as this worker's columns (up to {@link #A_BLOCK_NC}: the block in L3, not
     * L2) because B is row-major and streamed from beyond L2 (a K block's rows span half an L2 or more) into fewer than
     * {@link #IN_PLACE_BY_COLUMNS_PANELS} row panels of A, which use each packed value too few times to hide its
     * packing: rows packed whole are long runs for the hardware prefetchers where an L2-sized block cut them into
     * 2 KiB pieces 16 KiB apart. 64 × 4000 × 4000, the input gradient of 784-4000-4000-10's middle layer, on 1 thread
     * of the Zen 4 VM: 1.088× alone (6 alternating rounds), steps 1.007× and 1.013× (10 and 8 rounds); on 2 threads
     * 0.985× alone, within the noise (BENCHMARKS.md, "Issue 15, thirty-sixth session"). The width only partitions C's
     * columns: the bits do not depend on it.
     */
    private boolean packsWideStreamedB(int kStep) {
      final Call p = call;
      return WIDE_STREAMED_B && !p.transB && p.sink == null && l2Bytes > 0
          && i1 - i0 < IN_PLACE_BY_COLUMNS_PANELS * kernel.mr()
          && (long) Math.min(kStep, p.k) * p.ldb * Float.BYTES >= l2Bytes / 2;
    }

    /**
     * Whether {@link #block} runs as {@link #blockPackedA} for a column block {@code nc} wide and K blocks
     * {@code kc} deep: not below {@link #A_BLOCK_MIN_DEPTH}, where B's panels are small.
     */
    private boolean packsABlocks(int nc, int kc) {
      return A_BLOCK_ROWS >= kernel.mr() && kc >= A_BLOCK_MIN_DEPTH && !call.transA && call.sink == null
          && kernel.aPanels() == APanels.K_MAJOR_WIDE && kernel.aPanels().packsRowMajor(call.m, nc);
    }

    /**
     * {@link #block} for a row-major A whose whole panels the kernel wants packed k-major: up to
     * {@link #A_BLOCK_ROWS} rows packed at once, then the tiles column panel by column panel over them (the loop
     * order of BLIS), so that each packed B panel is read from L2 once per block of rows and stays in L1 while A's
     * panels stream past, where row panel by row panel reads it once per row panel; a last partial row panel as
     * in {@link #panel}. Each tile adds the same products in the same order as there: the same bits.
     */
    private void blockPackedA(float[] bp, int bBase, int pc, int kc, int jc, int nc, boolean acc, float[] bias, boolean relu) {
      final Call p = call;
      final GemmKernel g = kernel;
      final int mr = g.mr();
      final int nr = g.nr();
      int fullEnd = i0 + (i1 - i0) / mr * mr;
      int blockRows = A_BLOCK_ROWS / mr * mr;
      ensureABlock(blockRows / mr, g.aPackLength(kc));
      for (int ic = i0; ic < fullEnd; ic += blockRows) {
        int panels = Math.min(blockRows, fullEnd - ic) / mr;
        for (int q = 0; q < panels; q++) {
          g.packA(p.a, p.aOff, p.lda, false, ic + q * mr, mr, pc, kc, aBlock[q]);
          if (PANELS_TO_PRIME.get() > 0 && nc >= nr) prime(kc, false, true, aBlock[q], 0, mr, bp, bBase, !acc);
        }
        for (int jr = 0; jr < nc; jr += nr) {
          int cols = Math.min(nr, nc - jr);
          int bpOff = bBase + jr * kc;
          int biasOff = p.biasOff + jc + jr;
          for (int q = 0; q < panels; q++) {
            int cIdx = p.cOff + (ic + q * mr) * p.ldc + jc + jr;
            if (cols == nr) g.microKernel(kc, aBlock[q], bp, bpOff, p.c, cIdx, p.ldc, acc, bias, biasOff, relu);
            else edgeTile(kc, false, true, aBlock[q], 0, mr, bp, bpOff, p.c, cIdx, p.ldc, mr, cols, acc, bias, biasOff, relu);
          }
        }
      }
      if (fullEnd < i1) panel(fullEnd, bp, bBase, pc, kc, jc, nc, acc, bias, relu, -1);
    }

    private void ensureABlock(int panels, int length) {
      if (aBlock.length < panels) aBlock = Arrays.copyOf(aBlock, panels);
      for (int q = 0; q < panels; q++) {
        if (aBlock[q] == null || aBlock[q].length < length) aBlock[q] = new float[length];
      }
    }

    /**
     * C[i0:i1, jc:jc+nc] over the K blocks [pc0, pc0 + count·kStep) ∩ [0, K), their B blocks packed in
     * {@link #groupPacks}: each row panel runs through all of them before the next panel, so that a
     * row-major A read in place streams count·kStep values along each of its rows ({@link #kGroup}). Every
     * tile adds the K blocks in the same order as {@link #block} does, so the bits are the same.
     */
    private void blockGroup(int pc0, int count, int kStep, int jc, int nc) {
      final Call p = call;
      for (int ir = i0; ir < i1; ir += kernel.mr()) {
        for (int q = 0; q < count; q++) {
          int pc = pc0 + q * kStep;
          int kc = Math.min(kStep, p.k - pc);
          boolean last = pc + kc == p.k;
          panel(ir, groupPacks[q], 0, pc, kc, jc, nc, p.accumulate || pc > 0, last ? p.bias : null, last && p.relu, -1);
        }
      }
    }

    /**
     * Row panel ir of C[·, jc:jc+nc] over the K block [pc, pc+kc), B's panels packed at {@code bp[bBase …]}; its A
     * already packed in rows at {@code aRows[rowsAt …]} when {@code rowsAt ≥ 0}.
     */
    private void panel(int ir, float[] bp, int bBase, int pc, int kc, int jc, int nc, boolean acc, float[] bias, boolean relu,
        int rowsAt) {
      final Call p = call;
      final GemmKernel g = kernel;
      final int mr = g.mr();
      final int nr = g.nr();
      final APanels form = g.aPanels();
      final RowSink sink = p.sink;
      // C itself, or with a sink the strip of MR rows × nc columns that is handed over row by row
      final float[] c = sink != null ? strip : p.c;
      final int ldc = sink != null ? nc : p.ldc;
      int rows = Math.min(mr, i1 - ir);
      boolean full = rows == mr;
      // a whole panel may be read in place: a row-major A contiguous in k (direct) unless the kernel wants
      // k-major panels (K_MAJOR_WIDE: for these nc columns), a transposed A whose MR values at each k are
      // contiguous unless it wants rows; any
      // other panel is packed, in rows for ROWS (then read as a direct A with lda = kc), else k-major
      boolean packedRows = form == APanels.ROWS && (p.transA || !full);
      boolean direct = !form.packsRowMajor(p.m, nc) && !p.transA && full || packedRows;
      boolean transposedInPlace = form != APanels.ROWS && p.transA && full;
      boolean chunked = packedRows && rowsAt >= 0;
      float[] a = chunked ? aRows : packedRows ? aPack : p.a;
      int lda = packedRows ? kc : p.lda;
      int aIdx = chunked ? rowsAt : packedRows ? 0 : direct ? p.aOff + ir * p.lda + pc : p.aOff + pc * p.lda + ir;
      if (packedRows && !chunked) g.packARows(p.a, p.aOff, p.lda, p.transA, ir, rows, pc, kc, aPack);
      else if (!direct && !transposedInPlace) g.packA(p.a, p.aOff, p.lda, p.transA, ir, rows, pc, kc, aPack);
      if (PANELS_TO_PRIME.get() > 0 && full && nc >= nr) prime(kc, direct, transposedInPlace, a, aIdx, lda, bp, bBase, !acc);
      int cRow = sink != null ? 0 : p.cOff + ir * p.ldc + jc;
      for (int jr = 0; jr < nc; jr += nr) {
        int cols = Math.min(nr, nc - jr);
        int cIdx = cRow + jr;
        int bpOff = bBase + jr * kc;
        int biasOff = p.biasOff + jc + jr;
        if (cols == nr && full && direct) {
          g.microKernelDirectA(kc, a, aIdx, lda, bp, bpOff, c, cIdx, ldc, acc, bias, biasOff, relu);
        } else if (cols == nr && transposedInPlace) {
          g.microKernelTransposedA(kc, p.a, aIdx, p.lda, bp, bpOff, c, cIdx, ldc, acc, bias, biasOff, relu);
        } else if (cols == nr && full) {
          g.microKernel(kc, aPack, bp, bpOff, c, cIdx, ldc, acc, bias, biasOff, relu);
        } else {
          edgeTile(kc, direct, transposedInPlace, a, aIdx, lda, bp, bpOff, c, cIdx, ldc, rows, cols, acc, bias, biasOff, relu);
        }
      }
      if (sink != null) {
        sink.acceptRows(ir, rows, jc, strip, 0, nc, nc);
      }
    }

    /**
     * The panel's first tile computed once more, into the scratch {@link #tile}, with the other accumulate
     * flag: C2 compiles a micro-kernel after a few dozen calls, from the branches that it has seen taken,
     * and a GEMM's first K block calls it with one flag only (a weight gradient's single block, the first
     * of a forward product's four), so the compiled kernel lacked the other branch and was thrown away at
     * the next K block (an "unstable if" trap) and compiled again while training waited on slow code.
     * The first {@link #PANELS_TO_PRIME} row panels show it both; the result is discarded. On Zen 3 (JDK 25,
     * Fashion-MNIST 784-256-10, batch 64) the trap and the second compile were gone, and the first epoch's
     * median was 0.05–0.08 s shorter in four batches of 10–20 alternating runs, 0.03 s longer in a fifth
     * (BENCHMARKS.md, "Issue 15, seventeenth session").
     */
    private void prime(int kc, boolean direct, boolean transposedInPlace, float[] a, int aIdx, int lda, float[] bp, int bpOff,
        boolean acc) {
      PANELS_TO_PRIME.decrementAndGet();
      final GemmKernel g = kernel;
      final int nr = g.nr();
      if (direct) g.microKernelDirectA(kc, a, aIdx, lda, bp, bpOff, tile, 0, nr, acc, null, 0, false);
      else if (transposedInPlace) g.microKernelTransposedA(kc, a, aIdx, lda, bp, bpOff, tile, 0, nr, acc, null, 0, false);
      else g.microKernel(kc, aPack, bp, bpOff, tile, 0, nr, acc, null, 0, false);
      if (direct) primeRowPanels(kc, a, aIdx, lda, bp, bpOff);
    }

    /**
     * {@link #prime} for the evaluation's products on row panels ({@link RowPanels}): the panel copied k-major as
     * {@link #packRows} copies it, and a tile on it with a bias and ReLU, into scratch. Training never runs that code,
     * so the first evaluation ran it before C2 had compiled it: the copy's register transposes as C1 code that boxes
     * its vectors, and a compiled tile thrown away at its first bias (an "unstable if" trap); that evaluation took
     * 0.1–0.25 s longer than the next (BENCHMARKS.md, "Issue 15, twenty-eighth session").
     */
    private void primeRowPanels(int kc, float[] a, int aIdx, int lda, float[] bp, int bpOff) {
      final GemmKernel g = kernel;
      final int mr = g.mr();
      if (primePanel.length < mr * kc) primePanel = new float[mr * kc];
      // with and without a last few k-steps past the register transposes' multiple (784 columns have none)
      if (kc > 16) g.packPanelAt(a, aIdx, lda, 0, 0, kc / 16 * 16, primePanel, 0);
      g.packPanelAt(a, aIdx, lda, 0, 0, kc, primePanel, 0);
      g.microKernelTransposedA(kc, primePanel, 0, mr, bp, bpOff, tile, 0, g.nr(), false, tileBias, 0, true);
    }

    /**
     * A partial tile: the same micro-kernel on a zero-padded copy, so rounding matches full tiles; a panel of at most
     * {@link GemmKernel#partialRowsMax()} rows through a kernel for those rows alone, with the same bits.
     */
    private void edgeTile(int kc, boolean direct, boolean transposedInPlace, float[] aDirect, int aIdx, int lda, float[] bp,
        int bpOff, float[] c, int cIdx, int ldc, int rows, int cols, boolean acc, float[] bias, int biasOff, boolean relu) {
      final int nr = kernel.nr();
      if (acc) {
        for (int r = 0; r < rows; r++) System.arraycopy(c, cIdx + r * ldc, tile, r * nr, cols);
      }
      float[] tb = null;
      if (bias != null) {
        System.arraycopy(bias, biasOff, tileBias, 0, cols);
        tb = tileBias;
      }
      // A(r, k) = a[aOff + r·rowStride + k·kStride] in each of its three forms: row-major (in place or packed
      // in rows, aDirect with lda), transposed in place (lda), packed k-major (aPack)
      float[] a = direct || transposedInPlace ? aDirect : aPack;
      int aOff = direct || transposedInPlace ? aIdx : 0;
      int rowStride = direct ? lda : 1;
      int kStride = direct ? 1 : transposedInPlace ? lda : kernel.mr();
      if (cols <= kernel.narrowWidth()) {
        // few columns (a classifier's outputs): a narrow tile, the same bits in its columns
        kernel.microKernelNarrow(kc, a, aOff, rowStride, kStride, bp, bpOff, tile, 0, nr, acc, tb, 0, relu);
      } else if (rows <= kernel.partialRowsMax()) {
        // few rows (100 samples: a last panel of 4; 10 weight-gradient rows: of 2): only those, the same bits
        kernel.microKernelRows(kc, rows, a, aOff, rowStride, kStride, bp, bpOff, tile, 0, nr, acc, tb, 0, relu);
      } else if (direct) {
        kernel.microKernelDirectA(kc, a, aOff, rowStride, bp, bpOff, tile, 0, nr, acc, tb, 0, relu);
      } else {
        kernel.microKernelTransposedA(kc, a, aOff, kStride, bp, bpOff, tile, 0, nr, acc, tb, 0, relu);
      }
      for (int r = 0; r < rows; r++) System.arraycopy(tile, r * nr, c, cIdx + r * ldc, cols);
    }

    /**
     * How many K blocks' B blocks to pack at once and run each row panel through ({@link #blockGroup}): 1,
     * unless A is row-major and read from beyond L2 (its rows × K over a core's L2) over several K blocks;
     * then as many as fit in 3/4 of L2 beside each other. A row panel of the swapped forward product of a
     * 4000-wide layer (A = W, 64 MB; B = the mini-batch, 64 columns) then reads 6 runs of 6,000 bytes from
     * memory instead of 6 of 1,000 per K block, runs long enough for the hardware prefetchers
     * (BENCHMARKS.md, "Issue 15, twentieth session").
     */
    private int kGroup(Call p, int kStep, int nc) {
      if (K_GROUPS_OFF || p.transA || p.k <= kStep || l2Bytes <= 0) return 1;
      if ((long) (i1 - i0) * p.k * 4 <= l2Bytes) return 1;
      int nr = kernel.nr();
      long blockBytes = 4L * kStep * ((nc + nr - 1) / nr * nr);
      int group = (int) Math.min((p.k + kStep - 1) / kStep, l2Bytes * 3 / 4 / blockBytes);
      if (group > 1) {
        if (groupPacks.length < group) groupPacks = Arrays.copyOf(groupPacks, group);
        for (int q = 0; q < group; q++) {
          if (groupPacks[q] == null || groupPacks[q].length < blockBytes / 4) groupPacks[q] = new float[(int) (blockBytes / 4)];
        }
      }
      return Math.max(1, group);
    }

    private void ensureBuffers(int nr, int kc, int nc) {
      int aNeed = kernel.aPackLength(kc);
      if (aPack.length < aNeed) aPack = new float[aNeed];
      int rowsNeed = kernel.transposedRowsChunk() * kc;
      if (call.transA && kernel.aPanels() == APanels.ROWS && aRows.length < rowsNeed) aRows = new float[rowsNeed];
      int bNeed = (nc + nr - 1) / nr * nr * kc;
      if (bPack.length < bNeed) bPack = new float[bNeed];
    }
  }
}
