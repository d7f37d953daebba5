package org.pathnorm.train;

import org.pathnorm.linalg.WorkerPools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import org.pathnorm.data.Dataset;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.RowPanels;
import org.pathnorm.linalg.SparseRows;
import org.pathnorm.linalg.RowSink;
import org.pathnorm.linalg.TaskGroup;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pathnorm.measures.Margins;
import org.pathnorm.nn.BatchMoments;
import org.pathnorm.nn.Dropout;
import org.pathnorm.nn.FusedWeightUpdate;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.ModelWorkspace;
import org.pathnorm.nn.Network;
import org.pathnorm.nn.PackedWeights;
import org.pathnorm.nn.ParameterRange;
import org.pathnorm.nn.Workspace;
import org.pathnorm.optim.DataDependent;
import org.pathnorm.optim.Optimizer;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.Kernels;

/**
 * Mini-batch training on a {@link ForkJoinPool} (docs/architecture.md, "The data path"), deterministic in its seed
 * whatever the number of threads.
 *
 * <p>Each epoch visits the training set in a seeded random order (a function of seed and epoch only,
 * so a resumed run continues identically), or, under {@link HiddenState#CARRIED} (truncated BPTT), as
 * consecutive windows of B = batch streams with each row's hidden state carried from the previous step
 * ({@link #streamOrder}; zeroed at every epoch start). A mini-batch is cut into shards of a fixed size that does
 * not depend on the thread count; shards run in parallel, each with its own buffers and gradient, and
 * the shard gradients are summed in shard order. With one shard (large networks, where it pays) the
 * parallelism is inside the GEMMs instead, whose results do not depend on the thread count either.
 * The optimiser then updates the parameters in ranges, in parallel (one per thread up to 2²⁰
 * parameters each). A steady-state step allocates nothing.
 */
public final class Trainer implements AutoCloseable {
  /**
   * Parameters per thread, at most, in one chunk of the parallel optimiser update and gradient
   * reduction: the parameters are cut into threads × ⌈parameters / (threads · CHUNK)⌉ equal ranges.
   * A network of up to threads × 2²⁰ parameters thus gets one range per thread, which the worker team
   * hands to the same thread every step (WorkerTeam's owned tasks): a thread updates the rows of
   * weights and velocities that stay in its cache, the rows its share of the forward GEMM reads.
   */
  private static final int CHUNK = 1 << 20;
  /** A mini-batch of at least this many floats is gathered on all threads (64 × 784: 17 µs on one). */
  private static final int GATHER_SPLIT_FLOATS = 1 << 14;
  /**
   * Steps with less work than this (work × batch, work = max(parameters, forward multiply-adds per
   * sample)) stay one shard: splitting them costs more than it saves (measured: 100-512-10 at batch 100
   * took 0.26 ms on one thread, 0.41–0.56 ms on two). Results are the same either way.
   */
  static final long SMALL_STEP_WORK = 1L << 24;
  /**
   * Plain networks up to this many parameters (16 MB of weights) evaluate on weights packed once per
   * evaluation ({@link PackedWeights}); larger ones would need as much memory again for the packed
   * copy, and their wide layers already skip packing the weights (Gemm's (B·Aᵀ)ᵀ form).
   */
  static final int PACKED_EVALUATION_MAX_PARAMETERS = 1 << 22;
  /**
   * Steps with at least this much work (work × batch, as above) get the pool even when they are not cut
   * into shards (below {@link #SMALL_STEP_WORK}): their GEMMs split over the threads and the update runs
   * in parallel chunks, which changes no result (the GEMMs and the chunked update are bit-identical on
   * any thread count). 784-256-10 at batch 64 (1.3·10⁷) is one such step; 100-512-10 at batch 100
   * (5.6·10⁶) stays on the calling thread.
   */
  static final long POOL_STEP_WORK = 1L << 23;
  /**
   * Whether SGD and Path-SGD may update a dense network's weights inside the weight-gradient GEMM ({@link
   * #fusedWeights}); {@code -Dpathnorm.train.fusedUpdate=false} keeps the separate pass (the bits are the same).
   */
  private static final boolean FUSE_UPDATES = !"false".equals(System.getProperty("pathnorm.train.fusedUpdate"));
  /** Whether a mini-batch is gathered once per thread of a split step ({@link #copiesOfBatch}); {@code -Dpathnorm.train.batchCopies=false}: once. */
  private static final boolean BATCH_COPIES = !"false".equals(System.getProperty("pathnorm.train.batchCopies"));
  /**
   * Whether an evaluation's chunks of mostly-zero inputs go through the product on {@link SparseRows} ({@link
   * #SPARSE_MAX_DENSITY}); {@code -Dpathnorm.eval.sparse=false}: always the dense one (the bits are the same).
   */
  private static final boolean SPARSE_EVALUATION = !"false".equals(System.getProperty("pathnorm.eval.sparse"));
  /**
   * The largest share of the dense multiply-adds ({@link SparseRows#pairDensity()}) at which a chunk takes the product
   * on sparse rows: it multiplies at ≈ 0.75 of the dense product's rate (its loads shared by two rows, not eight), so
   * it pays below ≈ 0.75. Fashion-MNIST's chunks of 256 rows: 0.63 (docs/architecture.md, "Sparse rows").
   */
  static final double SPARSE_MAX_DENSITY = 0.7;
  /**
   * {@link #SPARSE_MAX_DENSITY} where the workers take every core: there the kernel's compilation (≈ 50 ms of C2, on a
   * worker's core) and the first evaluation's warm-up cost 2-thread Fashion-MNIST runs of 10 epochs what their
   * evaluations saved (0.96–0.99× end to end, against 1.03× on 1 thread), so only sets sparser than Fashion-MNIST
   * (0.63) take the product there: MNIST's digits (≈ 0.3) evaluate in 0.75× the time on 2 threads (BENCHMARKS.md,
   * "Issue 15, thirty-eighth session").
   */
  static final double SPARSE_MAX_DENSITY_ALL_CORES = 0.5;
  /** Whether the last {@link #fit}'s steps ran the first layer on its input's zeros (for {@link #sparseMaxDensity}). */
  private boolean trainsOnZeros;
  /**
   * Whether a run's training steps may take the first layer on its input's zeros ({@link #firstLayerOnZeros});
   * {@code -Dpathnorm.train.sparse=false}: never (the bits are the same).
   */
  private static final boolean SPARSE_TRAINING = !"false".equals(System.getProperty("pathnorm.train.sparse"));

  private final Model net;
  /** {@link #sparseTraining(boolean)}. */
  private boolean sparseTraining = true;
  private final Optimizer optimizer;
  private final Schedule schedule;
  private final TrainingConfig config;
  private final Kernels kernels;
  private final ForkJoinPool pool;
  /**
   * The GEMM of a single shard on the pool, or null: the JVM's first steps run it on one thread ({@link CompileWarmup};
   * several shards then run one after another).
   */
  private final Gemm pooledGemm;
  /** max(parameters, forward multiply-adds per sample): a step's work per sample. */
  private final long workPerSample;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private final Dropout dropout;
  private final int shardSize;
  private final Shard[] shards;
  /** The shards' batch moments handed to a data-dependent optimiser (reused each step). */
  private final BatchMoments[] shardMoments;
  private final float[] xBatch;
  /**
   * The mini-batch gathered once per thread of the pooled GEMM, xBatch first ({@link Gemm#replicate}), or null: each
   * worker then reads its own copy, and none a batch written in another core's cache.
   */
  private final float[][] xCopies;
  /** One per thread: each copies a share of a mini-batch's rows ({@link #gatherRows}). */
  private final RowGather[] gathers;
  private final int[] yBatch;
  /** Whether the loss scores real-valued targets (regression) instead of labels. */
  private final boolean regression;
  /** The mini-batch's targets [batch × outputSize] under a regression loss (else empty). */
  private final float[] tBatch;
  private final float[] grad;
  /**
   * The weights that SGD or Path-SGD updates inside the backward pass, as the GEMM computes their gradient
   * (docs/architecture.md, "The update inside the weight gradient"), in increasing order; empty if none.
   * Then {@link #step} updates only the other parameters (SGD), or none ({@link #updatedInBackward}).
   */
  private final List<ParameterRange> fusedWeights;
  /**
   * Whether the optimiser updates every parameter inside the backward pass ({@link FusedWeightUpdate#wholeUpdate}:
   * Path-SGD with weights in {@link #fusedWeights}); its {@code beginStep} then comes before the pass.
   */
  private final boolean updatedInBackward;
  /** One forward-only workspace per evaluation worker, each with a single-threaded GEMM. */
  private final ModelWorkspace[] evalWorkspaces;
  /**
   * Per evaluation worker: a chunk's rows converted from bytes (a set kept as bytes), a whole chunk or, where the
   * chunk goes into row panels, one panel's rows; made on first use.
   */
  private final float[][] evalRows;
  /** Per evaluation worker: a chunk's inputs in the GEMM's row panels, for the first layer on packed weights. */
  private final RowPanels[] evalPanels;
  /** The kept pairings of the sets evaluated on sparse rows ({@link #evalPairings}). */
  private final Map<Dataset, int[][]> evalPairings = new IdentityHashMap<>();
  /** Per evaluation worker: a chunk's inputs indexed as sparse rows, made on first use. */
  private final SparseRows[] evalSparse;
  /** Chunks evaluated on sparse rows so far (for tests). */
  private final AtomicInteger sparseChunks = new AtomicInteger();
  /** The pool evaluation runs on: the training pool, or one of its own when steps are too small for one; null on one thread. */
  private final ForkJoinPool evalPool;
  /** Rows per evaluation chunk (fixed: the values do not depend on the thread count). */
  private final int evalChunk;
  /** A plain network's weights packed once per evaluation (null until the first, or if it does not qualify), and the GEMM that packs them. */
  private PackedWeights evalWeights;
  private Gemm evalPacker;
  private final RecursiveAction[] chunkTasks;
  /** Whether the hidden state is carried across consecutive windows (truncated BPTT, {@link HiddenState#CARRIED}). */
  private final boolean carried;
  /** Under {@link HiddenState#CARRIED}: the workspace evaluation streams a set through, and its gathered rows; created on first use. */
  private ModelWorkspace streamWorkspace;
  private float[] streamX;
  private int[] streamLabels;
  private float[] streamTargets;
  private final TaskGroup group = new TaskGroup();
  private int startEpoch;
  private long step;
  private double bestValidationError = Double.POSITIVE_INFINITY;
  private int bestEpoch = -1;
  /** The best weights and the model's buffers with them (under early stopping), or null. */
  private Model best;
  private final List<EpochStats> history = new ArrayList<>();
  /** Whether an evaluation of the training set in {@link #fit} keeps every sample's margin ({@link #keepTrainingMargins}). */
  private boolean keepMargins;
  /** The margins of the last such evaluation, of the set {@link #marginsData}, with the parameters it ran on; or null. */
  private double[] margins;
  private Dataset marginsData;
  private float[] marginsParameters;

  /**
   * A trainer of {@code net} with the optimiser {@code spec} describes (see {@link OptimizerSpec#create}).
   *
   * @throws IllegalArgumentException if the method is not defined on the model, or the settings conflict
   */
  public Trainer(Model net, OptimizerSpec spec, Schedule schedule, TrainingConfig config) {
    this(net, spec.create(net, schedule, config.kernels()), schedule, config);
  }

  /** A trainer with an optimiser of your own (it must agree with the schedule about momentum). */
  public Trainer(Model net, Optimizer optimizer, Schedule schedule, TrainingConfig config) {
    this(net, optimizer, schedule, config, FUSE_UPDATES ? Fusion.LARGE_WEIGHTS : Fusion.NONE);
  }

  /** Which weights SGD and Path-SGD update inside the weight-gradient GEMM ({@link #fusedWeights}). */
  enum Fusion {
    /** None: the separate update pass for all parameters. */
    NONE,
    /** Weight matrices where {@link Gemm#rowSinkPays} (beyond a core's L2, or 512 KiB of long rows): the default. */
    LARGE_WEIGHTS,
    /** Every dense layer's weights (tests, whose networks are small). */
    EVERY_LAYER
  }

  /** As the public constructor, with the weights updated inside the GEMM chosen by {@code fusion} (tests compare them). */
  Trainer(Model net, Optimizer optimizer, Schedule schedule, TrainingConfig config, Fusion fusion) {
    Kernels kernels = config.kernels();
    this.net = net;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.config = config;
    this.kernels = kernels;
    int params = net.parameterCount();
    // the forward multiply-adds of one sample: the parameter count for dense models, more for conv and recurrent nets
    long work = Math.max(params, net.multiplyAddsPerSample());
    this.workPerSample = work;
    boolean worthThreads = work * config.batch() >= POOL_STEP_WORK;
    this.pool = worthThreads ? WorkerPools.create(config.threads()) : null;
    this.dropout = config.dropout() > 0 ? new Dropout(config.dropout(), config.seed()) : null;
    optimizer.checkModel(net);
    // Path-SGD's update then computes the next κ on the pool, inside the update (Optimizer.updatesWhole)
    if (pool != null) optimizer.useThreads(pool);
    // a normalisation's statistics are over the whole mini-batch: one shard (its GEMMs use the pool)
    if (net.usesBatchStatistics() && config.shardSize() > 0 && config.shardSize() < config.batch()) {
      throw new IllegalArgumentException("--shard " + config.shardSize() + ": a model with batch statistics (" + net.describe()
          + ") trains on whole batches (--shard 0 or >= --batch)");
    }
    this.shardSize = net.usesBatchStatistics() ? config.batch()
        : config.shardSize() > 0 ? Math.min(config.shardSize(), config.batch()) : autoShardSize(params, work, config.batch());
    int shardCount = (config.batch() + shardSize - 1) / shardSize;
    this.grad = new float[params];
    this.shards = new Shard[shardCount];
    Gemm pooled = null;
    for (int s = 0; s < shardCount; s++) {
      // one shard: the GEMMs use the pool; several: each shard single-threaded, shards in parallel
      Gemm gemm = new Gemm(kernels, shardCount == 1 ? pool : null);
      if (shardCount == 1 && pool != null) pooled = gemm;
      shards[s] = new Shard(s, net.newWorkspace(shardSize, kernels, gemm), s == 0 ? grad : new float[params]);
    }
    this.pooledGemm = pooled;
    int d = net.inputSize();
    this.xBatch = new float[Math.multiplyExact(config.batch(), d)];
    this.gathers = new RowGather[pool == null ? 1 : config.threads()];
    for (int t = 0; t < gathers.length; t++) gathers[t] = new RowGather(kernels);
    int copies = copiesOfBatch(pooled, xBatch.length);
    this.xCopies = copies > 1 ? new float[copies][] : null;
    if (xCopies != null) {
      xCopies[0] = xBatch;
      for (int t = 1; t < xCopies.length; t++) xCopies[t] = new float[xBatch.length];
      pooled.replicate(xCopies);
    }
    this.yBatch = new int[Math.multiplyExact(config.batch(), net.labelsPerSample())];
    this.regression = config.loss().regression();
    this.tBatch = new float[regression ? Math.multiplyExact(config.batch(), net.outputSize()) : 0];
    this.evalChunk = Math.max(config.batch(), 256);
    this.evalPool = pool != null ? pool : WorkerPools.create(config.threads());
    this.evalWorkspaces = new ModelWorkspace[evalPool == null ? 1 : config.threads()];
    this.evalRows = new float[evalWorkspaces.length][];
    this.evalPanels = new RowPanels[evalWorkspaces.length];
    this.evalSparse = new SparseRows[evalWorkspaces.length];
    // created on first use: an evaluation pass needs no backward buffers, and the workspaces allocate them lazily
    this.chunkTasks = new RecursiveAction[updateChunks(params, config.threads())];
    if (optimizer instanceof DataDependent dd) {
      if (dropout != null) {
        throw new IllegalArgumentException("--dropout is not supported with " + optimizer.name()
            + ": its batch statistics come from the full network");
      }
      dd.useGemm(new Gemm(kernels, pool));
      if (dd.usesMoments()) for (Shard s : shards) s.workspace.collectMoments();
    }
    this.shardMoments = new BatchMoments[shards.length];
    FusedWeightUpdate fusedUpdate = fusion != Fusion.NONE && shardCount == 1 && !config.clipping().active()
        && shardSize <= Gemm.singleBlockDepth() ? optimizer.fusedUpdate(net) : null;
    this.fusedWeights = fusedUpdate == null ? List.of()
        : shards[0].workspace.fuseWeightUpdates(net, fusion == Fusion.EVERY_LAYER ? fusedUpdate : largeWeights(fusedUpdate));
    this.updatedInBackward = !fusedWeights.isEmpty() && fusedUpdate.wholeUpdate() != null;
    this.carried = config.hiddenState() == HiddenState.CARRIED;
    if (carried) {
      if (net.layers().stream().noneMatch(l -> l.stateSize() > 0)) {
        throw new IllegalArgumentException("--hidden-state carried: the model " + net.describe() + " has no recurrent layer whose state could be carried");
      }
      for (Shard s : shards) s.workspace.resetState(true);
    }
  }

  /** {@code update} for the weight matrices where {@link Gemm#rowSinkPays}, null for the others. */
  private static FusedWeightUpdate largeWeights(FusedWeightUpdate update) {
    return new FusedWeightUpdate() {
      @Override public RowSink forWeights(int weightOffset, int rows, int columns) {
        return Gemm.rowSinkPays(rows, columns) ? update.forWeights(weightOffset, rows, columns) : null;
      }

      @Override public WholeUpdate wholeUpdate() {
        return update.wholeUpdate();
      }
    };
  }

  /** Whether a step's GEMMs split over the pool, and so run on one thread in {@link CompileWarmup}'s window (for tests). */
  boolean splitsProducts() {
    return pooledGemm != null;
  }

  /**
   * How many copies of each mini-batch are gathered: one per thread of the pooled GEMM, at most one per CPU
   * ({@link #xCopies}), else 1.
   */
  int batchCopies() {
    return xCopies == null ? 1 : xCopies.length;
  }

  /** Shards a full mini-batch is cut into, run in parallel on the pool but in {@link CompileWarmup}'s window (for tests). */
  int shardCount() {
    return shards.length;
  }

  /** The weights updated inside the backward pass ({@link #fusedWeights}), for tests. */
  List<ParameterRange> fusedWeights() {
    return fusedWeights;
  }

  /** Where SGD's and Path-SGD's updates of the weights run, for {@code pathnorm --version}. */
  public static String updatePolicy() {
    if (!FUSE_UPDATES) return "every parameter in a pass after the backward pass (-Dpathnorm.train.fusedUpdate=false)";
    return "plain SGD and Path-SGD (no clipping, one shard of at most " + Gemm.singleBlockDepth() + " samples; Path-SGD: depth <= 3,"
        + " kappa every step, rows of at most " + Gemm.sinkRowWidth() + " inputs) update a dense layer's weights"
        + " inside the weight-gradient GEMM, row by row, where the matrix is " + Gemm.rowSinkRule()
        + "; SGD's other parameters, and every other optimiser, in a pass after the backward pass; Path-SGD's at its end,"
        + " in its layer order";
  }

  /** The thread policy, for {@code pathnorm --version}. */
  public static String threadPolicy() {
    return "--threads N workers (default 1); with work = max(parameters, multiply-adds per sample), a step of work x batch < 2^"
        + Long.numberOfTrailingZeros(POOL_STEP_WORK) + " runs on one thread, larger ones split their GEMMs and update; "
        + "a mini-batch is cut into two shards when work x batch >= 2^" + Long.numberOfTrailingZeros(SMALL_STEP_WORK)
        + " and either parameters < 2^18, or work >= 4 x parameters (conv and recurrent nets) and parameters < 2^20; "
        + (BATCH_COPIES ? "where one shard's GEMMs are split, each thread gathers its own copy of a mini-batch within 1/4 of L2"
            + " and reads it (no batch read from another core's cache); "
            : "one copy of each mini-batch (-Dpathnorm.train.batchCopies=false); ")
        + "where the workers take every core, a step on the calling thread alone until the JVM has trained "
        + warmupWindow() + " multiply-adds (the JIT's warm-up); "
        + (SPARSE_TRAINING ? "a first layer trained on its input's zeros splits its products by panels of its units (each"
            + " thread indexing its own copy of the batch and updating its own panels), where it has two panels or more; "
            : "")
        + "evaluation on all workers"
        + (SPARSE_EVALUATION ? ", a chunk whose rows taken in pairs are nonzero at <= " + SPARSE_MAX_DENSITY + " of their inputs ("
            + SPARSE_MAX_DENSITY_ALL_CORES + " where the workers take every core, unless the steps ran on the first layer's zeros)"
            + " multiplying only there (the same bits)"
            : ", never on sparse rows (-Dpathnorm.eval.sparse=false)")
        + "; results the same on any thread count";
  }

  /** {@link CompileWarmup}'s window, as a power of two where it is one. */
  private static String warmupWindow() {
    long w = CompileWarmup.window();
    return w > 0 && Long.bitCount(w) == 1 ? "2^" + Long.numberOfTrailingZeros(w) : Long.toString(w);
  }

  /**
   * Shard size when none is configured, for a model of {@code parameters} parameters whose forward
   * pass of one sample takes {@code work} multiply-adds ({@code Model.multiplyAddsPerSample}; the
   * parameter count for dense layers, out·C·k·k·OH·OW for a convolution, T·(H·D + H·H) for a
   * recurrent layer). One rule:
   * <ul>
   *   <li>work × batch &lt; 2²⁴: one shard (the whole batch), the step too small to be worth threads;</li>
   *   <li>work ≥ 4 × parameters (shared weights) and fewer than 2²⁰ parameters: two shards of
   *       ⌈batch/2⌉, which run every part of the step in parallel. A conv net's GEMMs are per sample and
   *       small, with im2col, pooling and activations around them (BENCHMARKS.md, "Conv nets", run 3, 2
   *       threads against one shard: 1.23× on the 16-32-64 net, within noise on 32-64-128, whose GEMMs
   *       were already split); a recurrent net's per-step products are too small to split at all
   *       (BENCHMARKS.md, "Recurrent networks", batch shards: addition T = 100, H = 100, batch 50, 2
   *       threads 1.53× one shard on one thread, 1 thread within noise of one shard). Larger models'
   *       products are worth splitting over the threads, as dense ones;</li>
   *   <li>otherwise (dense): one shard for 2¹⁸ parameters or more, whose GEMMs are worth parallelising
   *       and whose per-shard gradient buffers would cost more memory traffic than they save; two
   *       shards below (measured on 100-2048-10 at batch 100: 1.13 ms per step on one thread and 0.91 on
   *       two, against 1.37 and 1.04 with four shards and 1.33 and 1.28 with one).</li>
   * </ul>
   * Depends on the model and the batch only, never on the thread count, so results do not either;
   * {@code --shard} overrides it.
   */
  public static int autoShardSize(int parameters, long work, int batch) {
    if (work * batch < SMALL_STEP_WORK) return batch;
    boolean sharedWeights = work >= 4L * parameters;
    if (parameters >= (1 << 18) && !(sharedWeights && parameters < (1 << 20))) return batch;
    return Math.max(1, (batch + 1) / 2);
  }

  /** {@link #autoShardSize(int, long, int)} for a dense model, whose work per sample is its parameter count. */
  public static int autoShardSize(int parameters, int batch) {
    return autoShardSize(parameters, parameters, batch);
  }

  public Trainer addListener(TrainingListener l) {
    listeners.add(l);
    return this;
  }

  /** The model being trained (its parameters are updated in place). */
  public Model model() {
    return net;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public TrainingConfig config() {
    return config;
  }

  public Schedule schedule() {
    return schedule;
  }

  public Kernels kernels() {
    return kernels;
  }

  /** Samples per shard actually used. */
  public int shardSize() {
    return shardSize;
  }

  /** Steps taken so far (continues after a resume). */
  public long step() {
    return step;
  }

  /** Best validation error so far and its epoch (−1 if none), for checkpoints. */
  public double bestValidationError() {
    return bestValidationError;
  }

  public int bestEpoch() {
    return bestEpoch;
  }

  /**
   * Continue from a checkpoint: the next epoch to run, the step count reached, the best validation
   * error and its epoch, and the best model so far (parameters and buffers; null if none is kept).
   */
  public void resumeAt(int nextEpoch, long stepCount, double bestValError, int bestValEpoch, Model bestModel) {
    this.best = bestModel;
    this.startEpoch = nextEpoch;
    this.step = stepCount;
    this.bestValidationError = bestValError;
    this.bestEpoch = bestValEpoch;
  }

  /**
   * Keeps (or not, the default) the margin γ(x, y) = f(x)[y] − max_{j≠y} f(x)[j] of every training sample that the
   * evaluation of the training set after each epoch of {@link #fit} meets anyway, for {@link #trainingMargins}: the
   * measures at the end of a run then need no forward pass of their own. Only a plain classifier (a {@link Network}
   * without DDP normalisation, one label per sample) keeps them, under {@link TrainingLoss#FULL_PASS}.
   */
  public Trainer keepTrainingMargins(boolean keep) {
    keepMargins = keep;
    if (!keep) margins = null;
    return this;
  }

  /**
   * The margin of every sample of {@code data} under the model's parameters as they are now (in the order of
   * {@code data}), if the last evaluation of the training set in {@link #fit} kept them ({@link #keepTrainingMargins}),
   * was of {@code data} and ran on these parameters (bit for bit); else empty. They are the values
   * {@code org.pathnorm.measures.Margins} computes by a forward pass (the evaluation's passes give the same bits).
   */
  public Optional<double[]> trainingMargins(Dataset data) {
    if (margins == null || data != marginsData || !Arrays.equals(marginsParameters, net.parameters())) return Optional.empty();
    return Optional.of(margins.clone());
  }

  /**
   * Whether an evaluation of {@code data} as the training set keeps its margins (see {@link #keepTrainingMargins}; it
   * runs under {@link TrainingLoss#FULL_PASS} only).
   */
  private boolean keepsMarginsOf(Dataset data) {
    return keepMargins && net instanceof Network plain && plain.normalization() == null && !regression && !carried
        && data.labelsPerSample() == 1;
  }

  /** Epoch statistics so far. */
  public List<EpochStats> history() {
    return history;
  }

  /**
   * Trains on {@code train}, evaluating every epoch on it and on {@code validation} and {@code test}
   * (either may be null).
   *
   * @throws DivergenceException if the loss becomes NaN or infinite
   */
  public TrainingResult fit(Dataset train, Dataset validation, Dataset test) {
    checkData(train, "training");
    if (validation != null) checkData(validation, "validation");
    if (test != null) checkData(test, "test");
    if (config.patience() > 0 && validation == null) {
      throw new IllegalArgumentException("early stopping (--patience) needs a validation set");
    }
    int n = train.size();
    int[] order = new int[n];
    String reason = "reached " + config.epochs() + " epochs";
    try {
      for (TrainingListener l : listeners) l.onStart(this);
      boolean onZeros = startEpoch < config.epochs() && firstLayerOnZeros(train);
      // the steps on the zeros run the evaluation's kernel on sparse rows: compiled by the time of the first evaluation
      trainsOnZeros = onZeros;
      // else the first evaluation's sparse kernel compiled during the first epoch's training (SparseRowsPrimer)
      long primeAt = !onZeros && startEpoch < config.epochs() && evaluatesOnSparseRows(train) ? (long) n * 3 / 4 : Long.MAX_VALUE;
      float[][] likeParameters = onZeros ? optimizerArraysLikeParameters() : null;
      int epoch = startEpoch;
      for (; epoch < config.epochs(); epoch++) {
        long start = System.nanoTime();
        optimizer.setLearningRate((float) schedule.learningRate(epoch));
        optimizer.setMomentum((float) schedule.momentum(epoch));
        if (carried) {
          streamOrder(order, config.batch());
          for (Shard s : shards) s.workspace.resetState(true);
        } else {
          epochOrder(epoch, order);
        }
        double runningLoss = 0;
        // the first layer's weights (and the optimiser's arrays like them) stored transposed for the epoch's steps only
        if (onZeros) firstLayerWorkspace().storeFirstLayerTransposed(net, true, likeParameters);
        try {
          for (int first = 0; first < n; first += config.batch()) {
            int rows = Math.min(config.batch(), n - first);
            if (first >= primeAt || primeAt != Long.MAX_VALUE && pool != null && CompileWarmup.halfSpent(config.threads())) {
              SparseRowsPrimer.prime(evalGemm());
              primeAt = Long.MAX_VALUE;
            }
            double loss = step(train, order, first, rows);
            runningLoss += loss * rows;
            if (!Double.isFinite(loss)) {
              throw new DivergenceException("training diverged: the mini-batch loss is " + loss + " at epoch " + (epoch + 1)
                  + ", step " + step + " (learning rate " + optimizer.learningRate() + "); the last checkpoint is kept");
            }
            double elapsed = (System.nanoTime() - start) * 1e-9;
            for (TrainingListener l : listeners) l.onStep(this, epoch, step, loss, first + rows, n, elapsed);
          }
        } finally {
          if (onZeros) firstLayerWorkspace().storeFirstLayerTransposed(net, false, likeParameters);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        EpochStats stats = evaluateEpoch(epoch, train, validation, test, seconds, n / seconds, runningLoss / n);
        if (!Double.isFinite(stats.trainLoss())) {
          throw new DivergenceException("training diverged: the training loss is " + stats.trainLoss() + " after epoch "
              + (epoch + 1) + "; the last checkpoint is kept");
        }
        history.add(stats);
        if (validation != null && stats.validationError() < bestValidationError) {
          bestValidationError = stats.validationError();
          bestEpoch = epoch;
          if (config.patience() > 0) best = net.copy();
        }
        for (TrainingListener l : listeners) l.onEpoch(this, stats);
        if (config.stopLoss().isPresent() && stats.trainLoss() < config.stopLoss().getAsDouble()) {
          reason = "training loss " + stats.trainLoss() + " < " + config.stopLoss().getAsDouble();
          epoch++;
          break;
        }
        if (config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
          reason = "no better validation error for " + config.patience() + " epochs";
          epoch++;
          break;
        }
      }
      int weightsFrom = epoch - 1;
      if (config.patience() > 0 && best != null) {
        copyState(best, net);
        weightsFrom = bestEpoch;
      }
      TrainingResult result = new TrainingResult(List.copyOf(history), reason, weightsFrom);
      for (TrainingListener l : listeners) l.onEnd(this, result);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies parameters and buffers of {@code from} into {@code to} (same structure). */
  private static void copyState(Model from, Model to) {
    System.arraycopy(from.parameters(), 0, to.parameters(), 0, to.parameterCount());
    Map<String, float[]> target = to.buffers();
    for (Map.Entry<String, float[]> e : from.buffers().entrySet()) {
      System.arraycopy(e.getValue(), 0, target.get(e.getKey()), 0, e.getValue().length);
    }
  }

  /** The seeded data order of an epoch: a function of (seed, epoch) only. */
  private void epochOrder(int epoch, int[] order) {
    SplittableRandom rnd = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epoch);
    for (int i = 0; i < order.length; i++) order[i] = i;
    for (int i = order.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /**
   * The order of truncated BPTT over consecutive windows ({@link HiddenState#CARRIED}): the n = order.length
   * windows cut into B = min(streams, n) streams of consecutive windows, stream b starting at s_b = b·⌊n/B⌋ +
   * min(b, n mod B) with ⌊n/B⌋ windows, plus one for b &lt; n mod B; position i·B + b holds window i of
   * stream b, and the last, partial step holds the first n mod B streams only (a prefix of the rows), so
   * every window is visited once and row b of every step continues stream b.
   */
  static void streamOrder(int[] order, int streams) {
    int n = order.length;
    if (n == 0) return;
    int b = Math.min(streams, n);
    int m = n / b;
    int r = n % b;
    int pos = 0;
    for (int i = 0; i <= m; i++) {
      for (int s = 0; s < (i < m ? b : r); s++) order[pos++] = s * m + Math.min(s, r) + i;
    }
  }

  /**
   * One optimisation step on the samples {@code indices[first … first+rows−1]} of {@code data}
   * (rows ≤ the configured batch); returns the mean mini-batch loss. {@link #fit} is made of these;
   * they are public for custom loops and benchmarks. Under {@link HiddenState#CARRIED} row r starts from
   * the hidden state row r of the previous step left.
   */
  public double trainStep(Dataset data, int[] indices, int first, int rows) {
    if (rows < 1 || rows > config.batch()) {
      throw new IllegalArgumentException("a step takes 1.." + config.batch() + " samples, got " + rows);
    }
    return step(data, indices, first, rows);
  }

  private double step(Dataset data, int[] order, int first, int rows) {
    // during the JIT's warm-up the step runs on the calling thread alone (CompileWarmup): the same bits
    boolean warming = pool != null && CompileWarmup.serial(workPerSample * rows, config.threads());
    if (pooledGemm != null) pooledGemm.runOnCallingThread(warming);
    int d = data.dimension();
    int k = data.labelsPerSample();
    int[] y = data.labels();
    gatherRows(data, order, first, rows, warming);
    for (int r = 0; r < rows; r++) System.arraycopy(y, order[first + r] * k, yBatch, r * k, k);
    if (regression) {
      int m = data.targetsPerSample();
      float[] t = data.targets();
      for (int r = 0; r < rows; r++) System.arraycopy(t, order[first + r] * m, tBatch, r * m, m);
    }
    int used = (rows + shardSize - 1) / shardSize;
    // the loss is the mean over the rows·k labelled outputs (k = 1 but for a label at every step)
    float scale = 1f / (rows * k);
    // κ of this step before the backward pass that applies it (its value depends on the weights only)
    if (updatedInBackward) optimizer.beginStep(net);
    for (int s = 0; s < used; s++) shards[s].prepare(rows, scale);
    if (used == 1 || pool == null || warming) {
      for (int s = 0; s < used; s++) shards[s].run();
    } else {
      runAll(shards, used);
    }
    double loss = 0;
    for (int s = 0; s < used; s++) loss += shards[s].loss;
    if (optimizer instanceof DataDependent dd) {
      if (dd.usesMoments()) {
        for (int s = 0; s < used; s++) shardMoments[s] = shards[s].workspace.moments();
        dd.observeMoments(net, shardMoments, used);
      } else {
        dd.observe(net, xBatch, rows);
      }
    }
    if (config.clipping().active()) {
      // the whole gradient first (in shard order, as below), then clipped; the update adds no more shards
      for (int s = 1; s < used; s++) kernels.axpy(1f, shards[s].grad, 0, grad, 0, grad.length);
      used = 1;
      config.clipping().apply(grad, kernels);
    }
    // Path-SGD inside the backward pass has updated every parameter already
    if (!updatedInBackward) update(used);
    step++;
    // regression: the mean squared error over the rows·m target values (Loss.SQUARED_ERROR)
    if (regression) return Loss.meanSquaredError(loss, (long) rows * data.targetsPerSample());
    return loss / ((double) rows * k);
  }

  /** The optimiser's step on the gradient of the {@code used} shards (summed here unless already). */
  private void update(int used) {
    int params = grad.length;
    optimizer.beginStep(net);
    float[] p = net.parameters();
    if (!fusedWeights.isEmpty()) {
      // one shard, plain SGD: the weights were updated during the backward pass; the rest (the biases) here
      int from = 0;
      for (int i = 0; i < fusedWeights.size(); i++) {
        ParameterRange r = fusedWeights.get(i);
        if (from < r.from()) optimizer.update(p, grad, from, r.from());
        from = r.to();
      }
      if (from < params) optimizer.update(p, grad, from, params);
    } else if (pool == null) {
      for (int s = 1; s < used; s++) kernels.axpy(1f, shards[s].grad, 0, grad, 0, params);
      optimizer.update(p, grad, 0, params);
    } else {
      // an optimiser that splits its update over the pool itself gets one call, after the shards are summed
      boolean whole = optimizer.updatesWhole();
      int chunks = chunkTasks.length;
      for (int c = 0; c < chunks; c++) {
        RecursiveAction t = chunkTasks[c];
        if (t == null) {
          int from = (int) ((long) params * c / chunks);
          int to = (int) ((long) params * (c + 1) / chunks);
          t = chunkTasks[c] = new ChunkUpdate(from, to);
        }
        ((ChunkUpdate) t).shardsUsed = used;
        ((ChunkUpdate) t).update = !whole;
      }
      if (!whole || used > 1) runAll(chunkTasks, chunks);
      if (whole) optimizer.update(p, grad, 0, params);
    }
  }

  /**
   * How many copies of a mini-batch of {@code floats} values a trainer whose one shard runs its GEMMs on {@code pooled}
   * (null: none, or several shards) gathers: one per thread that keeps its own share of a product (the worker team's,
   * at most one per CPU) where the batch fits in a quarter of a core's L2 (or of 1 MiB where unknown), so that each copy
   * stays in the cache of the thread that reads it; else 1. {@code -Dpathnorm.train.batchCopies=false} turns it off.
   */
  static int copiesOfBatch(Gemm pooled, long floats) {
    if (pooled == null || !BATCH_COPIES) return 1;
    long l2 = Gemm.l2Bytes() > 0 ? Gemm.l2Bytes() : 1L << 20;
    if (4 * floats > l2 / 4) return 1;
    return Math.min(pooled.threads(), Runtime.getRuntime().availableProcessors());
  }

  /**
   * xBatch ← the features of samples order[first … first+rows−1], split over the threads when the batch is large; with
   * {@link #xCopies}, each thread's gather copies all the rows into its own copy instead, but while the step runs on
   * the calling thread alone ({@code callerOnly}, the JIT's warm-up), which then gathers and reads xBatch only and
   * leaves the other cores to the compiler.
   */
  private void gatherRows(Dataset data, int[] order, int first, int rows, boolean callerOnly) {
    if (xCopies != null && callerOnly) {
      gathers[0].rows(data, order, first, 0, rows, xBatch).run();
      return;
    }
    if (xCopies != null) {
      for (int p = 0; p < xCopies.length; p++) gathers[p].rows(data, order, first, 0, rows, xCopies[p]);
      runAll(gathers, xCopies.length);
      return;
    }
    int parts = gatherParts(rows, data.dimension());
    for (int p = 0; p < parts; p++) {
      gathers[p].rows(data, order, first, (int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts), xBatch);
    }
    if (parts == 1) gathers[0].run();
    else runAll(gathers, parts);
  }

  /** Into how many shares a gather of rows × d floats is split: one per thread for a large batch. */
  int gatherParts(int rows, int d) {
    return (long) rows * d < GATHER_SPLIT_FLOATS ? 1 : Math.min(gathers.length, rows);
  }

  /** The number of update chunks: threads × ⌈parameters / (threads · {@link #CHUNK})⌉, at least 1. */
  static int updateChunks(int parameters, int threads) {
    int t = Math.max(1, threads);
    long perThread = ((long) parameters + t - 1) / t;
    return (int) Math.max(1, t * ((perThread + CHUNK - 1) / CHUNK));
  }

  private void runAll(RecursiveAction[] tasks, int count) {
    group.invokeOn(pool, tasks, count);
  }

  /**
   * Evaluates loss and error on the three sets (no dropout); on the training set only under
   * {@link TrainingLoss#FULL_PASS}, else the running mean {@code runningLoss} of the epoch's mini-batch
   * losses stands for its loss and its error is not computed (NaN).
   */
  private EpochStats evaluateEpoch(int epoch, Dataset train, Dataset val, Dataset test, double seconds, double rate,
      double runningLoss) {
    double[] tr = config.trainingLoss() == TrainingLoss.FULL_PASS ? evaluateTraining(train) : new double[] {runningLoss, Double.NaN};
    double[] va = val == null ? new double[] {Double.NaN, Double.NaN} : evaluate(val);
    double[] te = test == null ? new double[] {Double.NaN, Double.NaN} : evaluate(test);
    return new EpochStats(epoch + 1, step, optimizer.learningRate(), optimizer.momentum(), tr[0], tr[1], va[0], va[1],
        te[0], te[1], seconds, rate);
  }

  /**
   * Mean loss and 0-1 error of the current network on a dataset (evaluation mode, no dropout):
   * forward passes only, over chunks of max(batch, 256) samples spread over all threads (each worker
   * with its own workspace and a single-threaded GEMM), the chunk sums then added in chunk order — so
   * the values do not depend on the thread count. Under a regression loss ({@link Loss#SQUARED_ERROR}):
   * the mean squared error (1/(n·m)) Σ (o − t)² and the fraction of target values with
   * |o − t| ≥ {@link Loss#REGRESSION_TOLERANCE}.
   */
  public double[] evaluate(Dataset data) {
    return evaluate(data, null);
  }

  /** {@link #evaluate} of the training set, keeping its margins where {@link #keepsMarginsOf} says so. */
  private double[] evaluateTraining(Dataset train) {
    if (!keepsMarginsOf(train)) return evaluate(train, null);
    if (margins == null || margins.length != train.size()) margins = new double[train.size()];
    marginsData = null;
    double[] lossAndError = evaluate(train, margins);
    marginsData = train;
    float[] p = net.parameters();
    if (marginsParameters == null || marginsParameters.length != p.length) marginsParameters = new float[p.length];
    System.arraycopy(p, 0, marginsParameters, 0, p.length);
    return lossAndError;
  }

  /** {@link #evaluate}, and where {@code marginsOut} is given (one label per sample) each sample's margin into it. */
  private double[] evaluate(Dataset data, double[] marginsOut) {
    if (carried) return evaluateStreams(data);
    int n = data.size();
    int chunks = (n + evalChunk - 1) / evalChunk;
    double[] loss = new double[chunks];
    long[] errors = new long[chunks];
    int workers = Math.min(evalWorkspaces.length, chunks);
    AtomicInteger next = new AtomicInteger();
    PackedWeights packed = packWeightsForEvaluation();
    boolean sparse = packed != null && SPARSE_EVALUATION && mostlyZeros(data, sparseMaxDensity())
        && packed.packFirstLayerColumns((Network) net, evalPacker);
    int[][] pairings = sparse ? evalPairings(data, chunks) : null;
    if (workers <= 1) {
      evaluateChunks(data, 0, next, packed, pairings, loss, errors, marginsOut);
    } else {
      RecursiveAction[] tasks = new RecursiveAction[workers];
      for (int w = 0; w < workers; w++) {
        int worker = w;
        tasks[w] = new RecursiveAction() {
          @Override protected void compute() {
            evaluateChunks(data, worker, next, packed, pairings, loss, errors, marginsOut);
          }
        };
      }
      new TaskGroup().invokeOn(evalPool, tasks, workers);
    }
    double totalLoss = 0;
    long totalErrors = 0;
    for (int i = 0; i < chunks; i++) {
      totalLoss += loss[i];
      totalErrors += errors[i];
    }
    if (regression) {
      long values = (long) n * net.outputSize();
      return new double[] {Loss.meanSquaredError(totalLoss, values), (double) totalErrors / values};
    }
    double labelled = (double) n * data.labelsPerSample();
    return new double[] {totalLoss / labelled, totalErrors / labelled};
  }

  /**
   * {@link #evaluate} under {@link HiddenState#CARRIED}: the set streamed in the order of {@link #streamOrder}
   * with B = batch streams, each row's hidden state carried from its stream's previous window (zero at
   * the first), on the calling thread (so the values do not depend on the thread count).
   */
  private double[] evaluateStreams(Dataset data) {
    int n = data.size();
    int b = config.batch();
    int d = data.dimension();
    int k = data.labelsPerSample();
    int outputs = net.outputSize();
    if (streamWorkspace == null) {
      streamWorkspace = net.newWorkspace(b, kernels, new Gemm(kernels, null));
      streamX = new float[Math.multiplyExact(b, d)];
      streamLabels = new int[Math.multiplyExact(b, k)];
      streamTargets = new float[regression ? Math.multiplyExact(b, outputs) : 0];
    }
    streamWorkspace.resetState(true);
    int[] order = new int[n];
    streamOrder(order, b);
    double totalLoss = 0;
    long totalErrors = 0;
    for (int first = 0; first < n; first += b) {
      int rows = Math.min(b, n - first);
      for (int r = 0; r < rows; r++) {
        int at = order[first + r];
        data.copyRows(at, 1, streamX, r * d);
        if (regression) {
          System.arraycopy(data.targets(), at * outputs, streamTargets, r * outputs, outputs);
        } else {
          System.arraycopy(data.labels(), at * k, streamLabels, r * k, k);
        }
      }
      float[] out = streamWorkspace.forward(net, streamX, 0, rows);
      if (regression) {
        totalLoss += config.loss().evaluate(out, rows, outputs, streamTargets, 0, 1f, null);
        totalErrors += Loss.regressionErrors(out, rows, outputs, streamTargets, 0);
      } else {
        totalLoss += config.loss().value(out, rows * k, outputs / k, streamLabels, 0);
        totalErrors += Loss.errors(out, rows * k, outputs / k, streamLabels, 0);
      }
    }
    if (regression) {
      long values = (long) n * outputs;
      return new double[] {Loss.meanSquaredError(totalLoss, values), (double) totalErrors / values};
    }
    double labelled = (double) n * k;
    return new double[] {totalLoss / labelled, totalErrors / labelled};
  }

  /**
   * The weights of a plain feedforward network (no DDP-Normalization) of at most {@link
   * #PACKED_EVALUATION_MAX_PARAMETERS} parameters, packed once for this evaluation's chunks (the same
   * bits as packing them per chunk); null for other models, which evaluate as they train.
   */
  private PackedWeights packWeightsForEvaluation() {
    if (!(net instanceof Network plain) || plain.normalization() != null
        || plain.architecture().parameters() > PACKED_EVALUATION_MAX_PARAMETERS) {
      return null;
    }
    if (evalWeights == null) evalWeights = new PackedWeights();
    return evalWeights.pack(plain, evalGemm());
  }

  /** The single-threaded GEMM that packs an evaluation's weights and shapes and indexes its chunks, made on first use. */
  private Gemm evalGemm() {
    if (evalPacker == null) evalPacker = new Gemm(kernels, null);
    return evalPacker;
  }

  /** Whether evaluation runs on packed weights: set by the first {@link #evaluate} of a network that qualifies (for tests). */
  boolean evaluatedOnPackedWeights() {
    return evalWeights != null;
  }

  /**
   * Whether the first chunk's rows, paired, need at most {@code maxDensity} of the multiply-adds (indexed on worker 0's
   * buffers, before the workers start): whether the products on sparse rows pay.
   */
  private boolean mostlyZeros(Dataset data, double maxDensity) {
    int rows = Math.min(data.size(), evalChunk);
    return rows > 0 && indexChunk(data, 0, 0, rows, null, 0).pairDensity() <= maxDensity;
  }

  /**
   * Rows [first, first + rows) of {@code data} indexed as sparse rows in worker {@code worker}'s buffers, read in place
   * from a set of floats and converted into the worker's buffer from a set kept as bytes (never the whole set's
   * floats: {@link Dataset#features()} would convert them all). With {@code pairings}, the rows are paired as chunk
   * {@code chunk}'s pairing there says, found by shared nonzeros and kept there at the chunk's first evaluation; without,
   * by their counts.
   */
  private SparseRows indexChunk(Dataset data, int worker, int first, int rows, int[][] pairings, int chunk) {
    int d = data.dimension();
    byte[] bytes = data.unitBytes();
    float[] x;
    int xOff = 0;
    if (bytes != null) {
      x = evalRows(worker, Math.multiplyExact(evalChunk, d));
      kernels.unitBytesToFloats(bytes, first * d, x, 0, rows * d);
    } else {
      x = data.features();
      xOff = first * d;
    }
    SparseRows index = evalSparse[worker];
    if (index == null) index = evalSparse[worker] = new SparseRows();
    if (pairings == null) return evalGemm().indexRows(index, rows, d, x, xOff, d);
    int[] kept = pairings[chunk];
    if (kept != null && kept.length == 2 * ((rows + 1) / 2)) return evalGemm().indexRows(index, rows, d, x, xOff, d, kept);
    evalGemm().indexRows(index, rows, d, x, xOff, d, SparseRows.Pairing.SIMILAR);
    pairings[chunk] = index.pairing();
    return index;
  }

  /**
   * The kept pairings of {@code data}'s chunks (null until a chunk's first sparse evaluation), by the set's identity:
   * finding pairs by shared nonzeros costs what a few evaluations of a chunk save, so it is done once (the products'
   * results never depend on the pairing; a set whose values changed only costs more). At most 4 sets are kept.
   */
  private int[][] evalPairings(Dataset data, int chunks) {
    int[][] kept = evalPairings.get(data);
    if (kept == null || kept.length != chunks) {
      if (evalPairings.size() >= 4) evalPairings.clear();
      kept = new int[chunks][];
      evalPairings.put(data, kept);
    }
    return kept;
  }

  /**
   * The largest pair density at which a chunk takes the product on sparse rows on this run's threads: the lower bound
   * where the workers take every core, unless the training steps run the kernel on the first layer's zeros.
   */
  private double sparseMaxDensity() {
    boolean allCores = config.threads() >= Runtime.getRuntime().availableProcessors();
    return allCores && !trainsOnZeros ? SPARSE_MAX_DENSITY_ALL_CORES : SPARSE_MAX_DENSITY;
  }

  /**
   * Whether this run's evaluations of {@code data} will take the product on sparse rows: a plain network that evaluates
   * on packed weights, mostly-zero inputs, a first layer wider than a product with few columns.
   */
  private boolean evaluatesOnSparseRows(Dataset data) {
    return SPARSE_EVALUATION && !carried && net instanceof Network plain && plain.normalization() == null
        && plain.architecture().parameters() <= PACKED_EVALUATION_MAX_PARAMETERS
        && plain.architecture().out(0) > evalGemm().fewColumnsWidth() && mostlyZeros(data, sparseMaxDensity());
  }

  /**
   * Whether this fit's training steps take the first layer on its input's zeros ({@link Workspace#storeFirstLayerTransposed},
   * docs/architecture.md "A training step on the input's zeros"): a plain network in one shard (on the pool, its two
   * products split by panels of the layer's units, so only with two panels or more) whose first layer's weights the
   * optimiser updates inside the backward pass, inputs whose rows in pairs are nonzero at most at
   * {@link #SPARSE_MAX_DENSITY} of their inputs (the first evaluation chunk's), and no listener that reads the model
   * after each step ({@link TrainingListener#readsModelOnStep}).
   */
  private boolean firstLayerOnZeros(Dataset train) {
    if (!SPARSE_TRAINING || !sparseTraining || shards.length != 1 || carried
        || !(shards[0].workspace instanceof Workspace w) || !w.firstLayerOnZerosPossible(net)) {
      return false;
    }
    for (TrainingListener l : listeners) {
      if (TrainingListener.readsModelOnStep(l)) return false;
    }
    // on the pool the products split by panels of the units: with a single panel the dense products' split pays more
    int units = ((Network) net).architecture().out(0);
    if (pool != null && units <= evalGemm().sparsePanelWidth()) return false;
    // on any thread count: the lower bound on all cores is for an evaluation's first chunk (the kernel's compilation)
    return mostlyZeros(train, SPARSE_MAX_DENSITY);
  }

  /** The optimiser's arrays laid out like the parameters (SGD's velocity), transposed with the first layer's weights. */
  private float[][] optimizerArraysLikeParameters() {
    List<float[]> alike = new ArrayList<>();
    for (float[] a : optimizer.state().values()) {
      if (a != null && a.length == net.parameterCount()) alike.add(a);
    }
    return alike.toArray(new float[0][]);
  }

  /** The one shard's workspace, where {@link #firstLayerOnZeros} holds. */
  private Workspace firstLayerWorkspace() {
    return (Workspace) shards[0].workspace;
  }

  /** Turns the first layer on its input's zeros off ({@code false}) or lets it run where it can (for tests). */
  void sparseTraining(boolean allowed) {
    this.sparseTraining = allowed;
  }

  /** Training passes whose first layer ran on its input's zeros (for tests). */
  long passesOnZeros() {
    return shards[0].workspace instanceof Workspace w ? w.passesOnZeros() : 0;
  }

  /** Chunks evaluated on sparse rows since this trainer was made (for tests). */
  int sparseChunksEvaluated() {
    return sparseChunks.get();
  }

  /**
   * Worker {@code worker} of {@link #evaluate}: takes chunks until none is left, each chunk's sums into its slot; with
   * the set's kept {@code pairings} (W₀ packed in columns; null: not on sparse rows), a chunk whose pairs of rows need
   * at most {@link #sparseMaxDensity()} of the multiply-adds goes through the product on sparse rows.
   */
  private void evaluateChunks(Dataset data, int worker, AtomicInteger next, PackedWeights packed, int[][] pairings,
      double[] loss, long[] errors, double[] marginsOut) {
    ModelWorkspace ws = evalWorkspaces[worker];
    if (ws == null) ws = evalWorkspaces[worker] = net.newWorkspace(evalChunk, kernels, new Gemm(kernels, null));
    int d = data.dimension();
    int k = data.labelsPerSample();
    int c = net.outputSize() / k;
    byte[] bytes = data.unitBytes();
    for (int i = next.getAndIncrement(); i < loss.length; i = next.getAndIncrement()) {
      int first = i * evalChunk;
      int rows = Math.min(evalChunk, data.size() - first);
      float[] out;
      if (pairings != null) {
        out = sparseChunk((Workspace) ws, data, worker, packed, first, rows, pairings, i);
      } else if (packed != null) {
        out = ((Workspace) ws).forward((Network) net, packed, chunkPanels(data, bytes, worker, first, rows), rows);
      } else if (bytes != null) {
        // a set kept as bytes: the chunk's rows converted into the worker's buffer, then read from its start
        float[] x = evalRows(worker, Math.multiplyExact(evalChunk, d));
        kernels.unitBytesToFloats(bytes, first * d, x, 0, rows * d);
        out = ws.forward(net, x, 0, rows);
      } else {
        out = ws.forward(net, data.features(), first * d, rows);
      }
      if (regression) {
        loss[i] = config.loss().evaluate(out, rows, net.outputSize(), data.targets(), first, 1f, null);
        errors[i] = Loss.regressionErrors(out, rows, net.outputSize(), data.targets(), first);
      } else {
        loss[i] = config.loss().value(out, rows * k, c, data.labels(), first * k);
        errors[i] = Loss.errors(out, rows * k, c, data.labels(), first * k);
        if (marginsOut != null) Margins.into(out, rows, c, data.labels(), first, marginsOut, first);
      }
    }
  }

  /**
   * Rows [first, first + rows) of {@code data} in worker {@code worker}'s row panels: a set kept as bytes converted one
   * panel of rows at a time into a small buffer (in L1) and copied from there, so that the chunk is written once, in
   * the form the first layer's micro-kernel reads contiguously (docs/architecture.md, "Evaluation").
   */
  private RowPanels chunkPanels(Dataset data, byte[] bytes, int worker, int first, int rows) {
    int d = data.dimension();
    RowPanels panels = evalPanels[worker];
    if (panels == null) panels = evalPanels[worker] = new RowPanels();
    evalPacker.shapeRows(panels, rows, d);
    if (bytes == null) {
      Gemm.packRows(panels, 0, rows, data.features(), first * d, d);
      return panels;
    }
    int mr = evalPacker.panelHeight();
    float[] x = evalRows(worker, Math.multiplyExact(mr, d));
    for (int r = 0; r < rows; r += mr) {
      int n = Math.min(mr, rows - r);
      kernels.unitBytesToFloats(bytes, (first + r) * d, x, 0, n * d);
      Gemm.packRows(panels, r, n, x, 0, d);
    }
    return panels;
  }

  /**
   * The outputs of rows [first, first + rows) of {@code data} (converted into the worker's buffer where kept as bytes):
   * on sparse rows where their pairs need at most {@link #sparseMaxDensity()} of the multiply-adds, else on row panels.
   */
  private float[] sparseChunk(Workspace ws, Dataset data, int worker, PackedWeights packed, int first, int rows,
      int[][] pairings, int chunk) {
    SparseRows index = indexChunk(data, worker, first, rows, pairings, chunk);
    if (index.pairDensity() <= sparseMaxDensity()) {
      sparseChunks.incrementAndGet();
      return ws.forward((Network) net, packed, index, rows);
    }
    return ws.forward((Network) net, packed, chunkPanels(data, data.unitBytes(), worker, first, rows), rows);
  }



  /** Worker {@code worker}'s buffer of at least {@code size} floats. */
  private float[] evalRows(int worker, int size) {
    float[] b = evalRows[worker];
    if (b == null || b.length < size) b = evalRows[worker] = new float[size];
    return b;
  }

  private void checkData(Dataset data, String role) {
    String model = (net instanceof Network ? "--arch " : "") + net.describe();
    if (data.hasTargets() != regression) {
      throw new IllegalArgumentException("the " + role + " set " + data.name() + (data.hasTargets()
          ? " has real-valued targets: train it with --loss squared-error" : " has class labels: the squared-error loss needs real-valued targets")
          + " (--loss is " + config.loss().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")");
    }
    if (regression) {
      if (data.dimension() != net.inputSize()) {
        throw new IllegalArgumentException("the " + role + " set " + data.name() + " has " + data.dimension()
            + " features but the network takes " + net.inputSize() + " inputs (" + model + ")");
      }
      if (data.targetsPerSample() != net.outputSize()) {
        throw new IllegalArgumentException("the " + role + " set " + data.name() + " has " + data.targetsPerSample()
            + " targets per sample but the model has " + net.outputSize() + " outputs (" + model + ")");
      }
      if (data.size() == 0) throw new IllegalArgumentException("the " + role + " set is empty");
      return;
    }
    if (data.dimension() != net.inputSize()) {
      throw new IllegalArgumentException("the " + role + " set " + data.name() + " has " + data.dimension()
          + " features but the network takes " + net.inputSize() + " inputs (" + model + ")");
    }
    if (data.labelsPerSample() != net.labelsPerSample()) {
      throw new IllegalArgumentException("the " + role + " set " + data.name() + " has " + data.labelsPerSample()
          + " labels per sample but the model scores " + net.labelsPerSample() + " outputs per sample (" + model + ")");
    }
    if (data.classes() > net.outputSize() / net.labelsPerSample()) {
      throw new IllegalArgumentException("the " + role + " set " + data.name() + " has " + data.classes()
          + " classes but the network has " + net.outputSize() / net.labelsPerSample() + " outputs"
          + (net.labelsPerSample() == 1 ? "" : " per step") + " (" + model + ")");
    }
    if (data.size() == 0) throw new IllegalArgumentException("the " + role + " set is empty");
  }

  @Override public void close() {
    if (pool != null) pool.shutdown();
    if (evalPool != null && evalPool != pool) evalPool.shutdown();
  }

  /** One shard of the mini-batch: its own workspace and gradient buffer. */
  private final class Shard extends RecursiveAction {
    private final int index;
    private final ModelWorkspace workspace;
    final float[] grad;
    private int rows;
    private float scale;
    double loss;

    Shard(int index, ModelWorkspace workspace, float[] grad) {
      this.index = index;
      this.workspace = workspace;
      this.grad = grad;
    }

    void prepare(int batchRows, float lossScale) {
      int first = index * shardSize;
      this.rows = Math.min(shardSize, batchRows - first);
      this.scale = lossScale;
    }

    @Override protected void compute() {
      run();
    }

    void run() {
      int first = index * shardSize;
      int d = net.inputSize();
      loss = regression
          ? workspace.forwardBackward(net, xBatch, first * d, tBatch, first, rows, config.loss(), scale, grad, false, dropout, step, first)
          : workspace.forwardBackward(net, xBatch, first * d, yBatch, first, rows, config.loss(), scale, grad, false, dropout, step, first);
    }
  }

  /** Sums the shard gradients (in shard order) and, unless told not to, applies the optimiser on one parameter range. */
  private final class ChunkUpdate extends RecursiveAction {
    private final int from;
    private final int to;
    int shardsUsed;
    boolean update;

    ChunkUpdate(int from, int to) {
      this.from = from;
      this.to = to;
    }

    @Override protected void compute() {
      for (int s = 1; s < shardsUsed; s++) kernels.axpy(1f, shards[s].grad, from, grad, from, to - from);
      if (update) optimizer.update(net.parameters(), grad, from, to);
    }
  }
}
