package org.pathnorm.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathnorm.data.Concurrently;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.io.DataFormatException;
import org.pathnorm.io.Json;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.io.ModelFiles;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.io.Safetensors;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Network;

/**
 * The checkpoints of a run directory, committed as one unit after every epoch.
 *
 * <p>Files: {@code config.json} and {@code init.safetensors} (written once, at the start of a fresh
 * run), and after every epoch {@code last.safetensors} (weights), {@code optimizer.safetensors}
 * (velocities, accumulators), {@code best.safetensors} (best validation weights, under early stopping),
 * {@code state.json} (counters) and {@code metrics.csv} (one row per epoch); {@code model.safetensors},
 * the run's result, at the end.
 *
 * <p><b>Commit protocol</b> (a redo log of one record). An epoch's files are first written, each
 * atomically, under pending names {@code .NAME.pending}. Then {@code checkpoint.json} ({@link
 * RunManifest}: the epoch and every file's size and SHA-256) is written by one atomic rename: this is
 * the commit point. Then each pending file is renamed to its name. {@link #recover} (run at every start,
 * under the run's lock) deletes leftover temporary files, finishes the renames of a committed epoch
 * from its pending files, deletes pending files of an epoch that never committed, and verifies every
 * committed file against the manifest. So after a kill at any instant the directory holds exactly the
 * last committed epoch, and a resume continues bit-identically (the data order and dropout masks are
 * functions of seed, epoch and step). Identical runs give byte-identical files.
 *
 * <p><b>Commits in the background.</b> At the end of an epoch the training thread waits for the last
 * commit and takes a snapshot (a copy of the weights and the optimiser state, into the same arrays every
 * epoch, the counters and metrics as bytes); a committing thread
 * encodes it, writes, forces and renames the files while the next epoch trains (README, "Crash
 * safety"). Commits stay in order: each
 * waits for the one before it, and a failure of one is rethrown by the next {@link #onEpoch}, by
 * {@link #onEnd} or by {@link #close}, so no later commit follows it. A kill while a commit is in flight
 * is a kill during that commit: the directory still holds the last committed epoch. {@link #onEnd}
 * commits on the calling thread, so when {@link Trainer#fit} returns every file is in place; {@link
 * #close} waits for a commit left in flight when training stopped with an exception.
 */
public final class Checkpoint implements TrainingListener, AutoCloseable {
  public static final String MODEL = "model.safetensors";
  public static final String LAST = "last.safetensors";
  public static final String INIT = "init.safetensors";
  public static final String OPTIMIZER = "optimizer.safetensors";
  public static final String BEST = "best.safetensors";
  public static final String STATE = "state.json";
  public static final String METRICS = "metrics.csv";
  public static final String CONFIG = "config.json";
  /** The commit record. */
  public static final String MANIFEST = RunManifest.FILE;
  private static final String PENDING = ".pending";
  /** Files a fresh run replaces; stale copies from an attempt that never committed are deleted first. */
  private static final List<String> RUN_FILES = List.of(CONFIG, INIT, LAST, OPTIMIZER, BEST, STATE, METRICS, MODEL, MANIFEST);

  private final Path dir;
  private final Map<String, RunManifest.Entry> committed = new LinkedHashMap<>();
  private final List<String> rows = new ArrayList<>();
  private boolean restored;
  /** Epochs done when the run stopped early (stop loss or patience), else −1. */
  private int stoppedAfter = -1;
  private DivergenceGuard guard;
  /** The epoch commit running in the background, or null. */
  private Thread inFlight;
  /** What the commit in flight threw, read after joining it. */
  private Throwable inFlightFailure;
  /** The weights and buffers of the last epoch's snapshot ({@link #refreshed}), or null before the first. */
  private Model snapshotModel;
  /** The optimiser state of the last epoch's snapshot, sorted by name, or null before the first. */
  private Map<String, float[]> snapshotState;

  /** A checkpoint writer for {@code dir}; call {@link #resume} first to continue a committed run. */
  public Checkpoint(Path dir) {
    this.dir = dir;
  }

  /** Whether {@code dir} holds a committed epoch ({@code checkpoint.json}). */
  public static boolean exists(Path dir) {
    return Files.exists(dir.resolve(MANIFEST));
  }

  /** The divergence guard whose state is saved with each commit (so a resume continues its count). */
  public Checkpoint withGuard(DivergenceGuard g) {
    this.guard = g;
    return this;
  }

  /**
   * Brings {@code dir} to its last committed state (see the class comment) and returns the commit, or
   * null if none. Run it under the directory's {@link RunLock}.
   *
   * @throws DataFormatException if a committed file is missing or differs from its recorded size and hash
   */
  public static Committed recover(Path dir) throws IOException {
    AtomicFiles.cleanTemporaryFiles(dir);
    Path file = dir.resolve(MANIFEST);
    RunManifest m = Files.exists(file) ? RunManifest.read(file) : null;
    if (m != null) {
      for (Map.Entry<String, RunManifest.Entry> e : m.files().entrySet()) {
        Path target = dir.resolve(e.getKey());
        Path pending = pending(dir, e.getKey());
        if (Files.exists(pending) && e.getValue().matches(pending)) AtomicFiles.move(pending, target);
        if (!e.getValue().matches(target)) {
          throw new DataFormatException(target + ": expected " + e.getValue().size() + " bytes with SHA-256 " + e.getValue().sha256()
              + " as committed in " + file + ", found " + (Files.exists(target) ? Files.size(target) + " bytes with SHA-256 "
              + RunManifest.hash(target) : "no file") + " (changed after the commit; restore it or start another run)");
        }
      }
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*" + PENDING)) {
      for (Path p : s) AtomicFiles.delete(p);
    }
    AtomicFiles.syncDirectory(dir);
    return m == null ? null : new Committed(m.epoch(), m.finished());
  }

  /** What {@link #recover} found: the epochs committed and whether the run's result was among them. */
  public record Committed(int epoch, boolean finished) {}

  /**
   * Starts a fresh run in {@code dir} (which holds no commit): deletes stale files of an attempt that
   * never committed and writes {@code config.json}.
   */
  public void startFresh(String configJson) throws IOException {
    if (exists(dir)) throw new IllegalStateException(dir + " holds a committed run");
    for (String f : RUN_FILES) AtomicFiles.delete(dir.resolve(f));
    byte[] bytes = configJson.getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(dir.resolve(CONFIG), bytes);
    committed.put(CONFIG, RunManifest.Entry.of(bytes));
  }

  @Override public void onStart(Trainer t) throws IOException {
    if (restored) return;
    // the init always belongs to this run: written anew, never kept from another attempt
    byte[] bytes = encode(t.model(), Map.of("pathnorm.step", "0"));
    AtomicFiles.write(dir.resolve(INIT), bytes);
    committed.put(INIT, RunManifest.Entry.of(bytes));
  }

  @Override public void onEpoch(Trainer t, EpochStats stats) throws IOException {
    rows.add(stats.csvRow());
    TrainingConfig c = t.config();
    boolean stop = c.stopLoss().isPresent() && stats.trainLoss() < c.stopLoss().getAsDouble() || c.patience() > 0 && stats.epoch() - 1 - t.bestEpoch() >= c.patience();
    Map<String, String> meta = Map.of("pathnorm.epoch", Integer.toString(stats.epoch()), "pathnorm.step", Long.toString(stats.step()));
    StringBuilder csv = new StringBuilder(EpochStats.CSV_HEADER).append('\n');
    for (String r : rows) csv.append(r).append('\n');
    // the last commit is done with the snapshot's arrays before this epoch's values are copied into them
    awaitCommit();
    snapshotModel = refreshed(snapshotModel, t.model());
    snapshotState = refreshed(snapshotState, t.optimizer().state());
    EpochSnapshot snapshot = new EpochSnapshot(snapshotModel, meta, snapshotState,
        Map.of("pathnorm.optimizer", t.optimizer().name(), "pathnorm.optimizer.steps", Long.toString(t.optimizer().steps())),
        c.patience() > 0 && t.bestEpoch() == stats.epoch() - 1,
        RunState.json(stats.epoch(), stats.step(), t, stop ? stats.epoch() : -1, guard).getBytes(StandardCharsets.UTF_8),
        csv.toString().getBytes(StandardCharsets.UTF_8));
    int epoch = stats.epoch();
    Thread committer = new Thread(() -> {
      try {
        commit(epoch, false, snapshot.files());
      } catch (Throwable e) { // rethrown on the training thread by awaitCommit
        inFlightFailure = e;
      }
    }, "pathnorm-commit");
    committer.setDaemon(true);
    inFlight = committer;
    committer.start();
  }

  /**
   * {@code source}'s parameters and buffers copied into {@code copy}'s arrays, or a new copy where there is none yet or
   * the shapes differ: the arrays of an epoch's snapshot serve every epoch, so a run's checkpoints take no fresh memory
   * after the first (in a VM each fresh page is a fault; BENCHMARKS.md, "Issue 15, thirtieth session").
   */
  static Model refreshed(Model copy, Model source) {
    float[] from = source.parameters();
    Map<String, float[]> fromBuffers = source.buffers();
    if (copy == null || copy.parameters().length != from.length || !sameShapes(copy.buffers(), fromBuffers)) return source.copy();
    System.arraycopy(from, 0, copy.parameters(), 0, from.length);
    copyValues(fromBuffers, copy.buffers());
    return copy;
  }

  /** An optimiser's state copied into {@code copy}'s arrays where the names and lengths match, else a new sorted copy. */
  static Map<String, float[]> refreshed(Map<String, float[]> copy, Map<String, float[]> state) {
    if (copy == null || !sameShapes(copy, state)) {
      // sorted: an optimiser's state map may iterate in any order, the file's bytes must not
      Map<String, float[]> fresh = new java.util.TreeMap<>();
      for (Map.Entry<String, float[]> e : state.entrySet()) fresh.put(e.getKey(), e.getValue().clone());
      return fresh;
    }
    copyValues(state, copy);
    return copy;
  }

  /** Each array of {@code from} into the array of the same name in {@code to} (same names and lengths). */
  private static void copyValues(Map<String, float[]> from, Map<String, float[]> to) {
    for (Map.Entry<String, float[]> e : from.entrySet()) System.arraycopy(e.getValue(), 0, to.get(e.getKey()), 0, e.getValue().length);
  }

  private static boolean sameShapes(Map<String, float[]> a, Map<String, float[]> b) {
    if (!a.keySet().equals(b.keySet())) return false;
    for (Map.Entry<String, float[]> e : a.entrySet()) if (e.getValue().length != b.get(e.getKey()).length) return false;
    return true;
  }

  /**
   * An epoch's files as they are when it ends (copies of the weights and the optimiser state), taken on
   * the training thread; {@link #files} encodes them on the committing thread (≈ 13 ms for 784-256-10,
   * mostly fresh memory) while the next epoch trains.
   */
  private record EpochSnapshot(Model model, Map<String, String> meta, Map<String, float[]> optimizerState,
      Map<String, String> optimizerMeta, boolean best, byte[] runState, byte[] metrics) {
    Map<String, byte[]> files() throws IOException {
      Map<String, byte[]> files = new LinkedHashMap<>();
      byte[] weights = encode(model, meta);
      files.put(LAST, weights);
      Map<String, Safetensors.Tensor> state = new LinkedHashMap<>();
      for (Map.Entry<String, float[]> e : optimizerState.entrySet()) {
        state.put(e.getKey(), new Safetensors.Tensor("F32", new long[] {e.getValue().length}, e.getValue()));
      }
      files.put(OPTIMIZER, Safetensors.encode(state, optimizerMeta));
      if (best) files.put(BEST, weights);
      files.put(STATE, runState);
      files.put(METRICS, metrics);
      return files;
    }
  }

  /** Waits for the commit in flight, if any, and rethrows what it threw. */
  private void awaitCommit() throws IOException {
    Thread t = inFlight;
    if (t == null) return;
    Concurrently.join(t);
    inFlight = null;
    Throwable e = inFlightFailure;
    inFlightFailure = null;
    if (e instanceof IOException io) throw io;
    if (e instanceof RuntimeException r) throw r;
    if (e instanceof Error err) throw err;
    if (e != null) throw new IllegalStateException(e);
  }

  /** Waits for a commit still in flight (after training stopped with an exception) and rethrows its failure. */
  @Override public void close() throws IOException {
    awaitCommit();
  }

  /** The run's result: the network as {@link Trainer#fit} leaves it (the best weights under early stopping), committed. */
  @Override public void onEnd(Trainer t, TrainingResult result) throws IOException {
    awaitCommit();
    int from = stoppedAfter > 0 && t.config().patience() == 0 ? stoppedAfter - 1 : result.weightsFromEpoch();
    byte[] model = encode(t.model(), Map.of("pathnorm.weights_from_epoch", Integer.toString(from + 1)));
    int epoch = (int) Math.min(Integer.MAX_VALUE, t.history().isEmpty() ? lastEpoch() : t.history().get(t.history().size() - 1).epoch());
    commit(epoch, true, Map.of(MODEL, model));
  }

  private int lastEpoch() throws IOException {
    return exists(dir) ? RunManifest.read(dir.resolve(MANIFEST)).epoch() : 0;
  }

  /** Writes {@code files} as pending, commits the manifest, then renames them into place. */
  private void commit(int epoch, boolean finished, Map<String, byte[]> files) throws IOException {
    Map<String, RunManifest.Entry> next = new LinkedHashMap<>(committed);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      AtomicFiles.write(pending(dir, f.getKey()), f.getValue());
      next.put(f.getKey(), RunManifest.Entry.of(f.getValue()));
    }
    AtomicFiles.writeString(dir.resolve(MANIFEST), new RunManifest(epoch, finished, next).toJson());
    committed.clear();
    committed.putAll(next);
    for (String name : files.keySet()) AtomicFiles.move(pending(dir, name), dir.resolve(name));
    AtomicFiles.syncDirectory(dir);
  }

  /** A feedforward network with its architecture in the metadata (so {@code measures --model} reads it); any other model by its tensors. */
  private static byte[] encode(Model model, Map<String, String> meta) throws IOException {
    return model instanceof Network net ? NetworkFiles.encode(net, meta) : ModelFiles.encode(model, meta);
  }

  private static Path pending(Path dir, String name) {
    return dir.resolve("." + name + PENDING);
  }

  /**
   * Restores the weights, optimiser state and counters of the checkpoint in {@code dir} into a
   * trainer built with the same settings; returns the number of epochs already done. Runs
   * {@link #recover} first.
   */
  public static int restore(Path dir, Trainer trainer) throws IOException {
    return new Checkpoint(dir).resume(trainer);
  }

  /**
   * Recovers {@code dir}, then loads its last commit into {@code trainer} (built with the run's
   * settings) and into this writer (the metrics rows, the committed files), so the next commit
   * continues the run; returns the epochs already done (0 if none was committed).
   */
  public int resume(Trainer trainer) throws IOException {
    Committed c = recover(dir);
    if (c == null) {
      restored = false;
      return 0;
    }
    RunManifest m = RunManifest.read(dir.resolve(MANIFEST));
    for (String needed : List.of(INIT, LAST, OPTIMIZER, STATE, METRICS)) {
      if (!m.files().containsKey(needed)) {
        throw new DataFormatException(dir.resolve(MANIFEST) + ": files: expected an entry for " + needed + ", found none");
      }
    }
    RunState s = RunState.read(dir.resolve(STATE), m.epoch(), trainer.optimizer().name());
    Model model = trainer.model();
    if (model instanceof Network net) {
      Network saved = NetworkFiles.load(dir.resolve(LAST));
      if (!saved.architecture().equals(net.architecture())) {
        throw new DataFormatException(dir.resolve(LAST) + ": architecture: expected " + net.architecture() + ", found " + saved.architecture());
      }
      if ((saved.normalization() == null) != (net.normalization() == null)
          || (net.normalization() != null && !net.normalization().describe().equals(saved.normalization().describe()))) {
        throw new DataFormatException(dir.resolve(LAST) + ": DDP-Normalization: expected "
            + (net.normalization() == null ? "none" : net.normalization().describe()) + ", found "
            + (saved.normalization() == null ? "none" : saved.normalization().describe()));
      }
    }
    ModelFiles.loadInto(dir.resolve(LAST), model.copy()); // checked on a copy: the trainer changes only once all is read
    Safetensors.Contents opt = Safetensors.read(dir.resolve(OPTIMIZER));
    Map<String, float[]> optState = trainer.optimizer().state();
    for (Map.Entry<String, float[]> e : optState.entrySet()) {
      Safetensors.Tensor t = opt.tensors().get(e.getKey());
      if (t == null || t.data().length != e.getValue().length) {
        throw new DataFormatException(dir.resolve(OPTIMIZER) + ": tensor " + e.getKey() + ": expected " + e.getValue().length
            + " values, found " + (t == null ? "none" : t.data().length));
      }
      NetworkFiles.requireFinite(dir.resolve(OPTIMIZER), e.getKey(), t.data());
    }
    Model best = null;
    if (m.files().containsKey(BEST)) {
      best = model.copy();
      ModelFiles.loadInto(dir.resolve(BEST), best);
    }
    List<String> lines = Files.readAllLines(dir.resolve(METRICS), StandardCharsets.UTF_8);
    if (lines.size() != s.epochsDone() + 1 || !lines.get(0).equals(EpochStats.CSV_HEADER)) {
      throw new DataFormatException(dir.resolve(METRICS) + ": expected the header and " + s.epochsDone() + " rows, found "
          + lines.size() + " lines");
    }
    // everything is read and checked: only now change the trainer
    ModelFiles.loadInto(dir.resolve(LAST), model);
    for (Map.Entry<String, float[]> e : optState.entrySet()) {
      float[] data = opt.tensors().get(e.getKey()).data();
      System.arraycopy(data, 0, e.getValue(), 0, data.length);
    }
    trainer.optimizer().setSteps(s.optimizerSteps());
    int next = s.stoppedAfter() >= 0 ? Math.max(trainer.config().epochs(), s.epochsDone()) : s.epochsDone();
    trainer.resumeAt(next, s.step(), s.bestValidationError(), s.bestEpoch(), best);
    if (guard != null) guard.restore(s.divergenceReference(), s.divergenceStrikes());
    rows.clear();
    rows.addAll(lines.subList(1, lines.size()));
    committed.clear();
    committed.putAll(m.files());
    committed.remove(MODEL);
    stoppedAfter = s.stoppedAfter();
    restored = true;
    return s.epochsDone();
  }
}
