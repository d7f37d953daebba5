package org.pathnorm.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.io.DataFormatException;
import org.pathnorm.io.Json;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.io.ModelFiles;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.io.Safetensors;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Optimizer;

/**
 * Checkpoints of a run directory, written atomically after every epoch:
 * {@code last.safetensors} (the weights), {@code optimizer.safetensors} (velocities, accumulators),
 * {@code best.safetensors} (best validation weights, under early stopping) and {@code state.json}
 * (epochs done, steps, best validation error). {@code init.safetensors} holds the weights at step 0,
 * and {@code model.safetensors}, written at the end of the run, the run's result: the last weights, or
 * the best under early stopping. Resuming starts from {@code last.safetensors}, so an early-stopped
 * result never replaces the state a resumed run continues from.
 * The data order and dropout masks are functions of (seed, epoch, step), so restoring these files
 * lets {@code --resume} continue bit-identically.
 */
public final class Checkpoint implements TrainingListener {
  public static final String MODEL = "model.safetensors";
  public static final String LAST = "last.safetensors";
  public static final String INIT = "init.safetensors";
  public static final String OPTIMIZER = "optimizer.safetensors";
  public static final String BEST = "best.safetensors";
  public static final String STATE = "state.json";

  private final Path dir;

  public Checkpoint(Path dir) {
    this.dir = dir;
  }

  /** Whether {@code dir} holds a checkpoint to resume from. */
  public static boolean exists(Path dir) {
    return Files.exists(dir.resolve(STATE));
  }

  @Override public void onStart(Trainer t) throws IOException {
    if (!Files.exists(dir.resolve(INIT))) save(dir.resolve(INIT), t.model(), Map.of("pathnorm.step", "0"));
  }

  @Override public void onEpoch(Trainer t, EpochStats stats) throws IOException {
    Map<String, String> meta = Map.of("pathnorm.epoch", Integer.toString(stats.epoch()), "pathnorm.step", Long.toString(stats.step()));
    save(dir.resolve(LAST), t.model(), meta);
    Map<String, Safetensors.Tensor> state = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : t.optimizer().state().entrySet()) {
      state.put(e.getKey(), new Safetensors.Tensor("F32", new long[] {e.getValue().length}, e.getValue()));
    }
    Safetensors.write(dir.resolve(OPTIMIZER), state, Map.of("pathnorm.optimizer", t.optimizer().name(),
        "pathnorm.optimizer.steps", Long.toString(t.optimizer().steps())));
    if (t.config().patience() > 0 && t.bestEpoch() == stats.epoch() - 1) {
      save(dir.resolve(BEST), t.model(), meta);
    }
    String json = new JsonWriter().beginObject(null)
        .value("epochs_done", stats.epoch())
        .value("step", stats.step())
        .value("optimizer", t.optimizer().name())
        .value("optimizer_steps", t.optimizer().steps())
        .value("best_validation_error", t.bestValidationError())
        .value("best_epoch", t.bestEpoch())
        .endObject().toString();
    AtomicFiles.writeString(dir.resolve(STATE), json + "\n");
  }

  /** The run's result: the network as {@link Trainer#fit} leaves it (the best weights under early stopping). */
  @Override public void onEnd(Trainer t, TrainingResult result) throws IOException {
    save(dir.resolve(MODEL), t.model(), Map.of("pathnorm.weights_from_epoch",
        Integer.toString(result.weightsFromEpoch() + 1)));
  }

  /**
   * Restores the weights, optimiser state and counters of the checkpoint in {@code dir} into a
   * trainer built with the same settings; returns the number of epochs already done.
   */
  public static int restore(Path dir, Trainer trainer) throws IOException {
    Path statePath = dir.resolve(STATE);
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(statePath));
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(statePath + ": " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> state)) throw new DataFormatException(statePath + ": expected a JSON object");
    int epochs = (int) number(statePath, state, "epochs_done");
    long step = (long) number(statePath, state, "step");
    Object bestErr = state.get("best_validation_error");
    double bestValidationError = bestErr == null ? Double.POSITIVE_INFINITY : ((Number) bestErr).doubleValue();
    int bestEpoch = (int) number(statePath, state, "best_epoch");
    if (!trainer.optimizer().name().equals(state.get("optimizer"))) {
      throw new DataFormatException(statePath + ": optimizer: expected " + trainer.optimizer().name() + " (as in this run's settings), found "
          + state.get("optimizer"));
    }
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
    ModelFiles.loadInto(dir.resolve(LAST), model);
    Safetensors.Contents opt = Safetensors.read(dir.resolve(OPTIMIZER));
    for (Map.Entry<String, float[]> e : trainer.optimizer().state().entrySet()) {
      Safetensors.Tensor t = opt.tensors().get(e.getKey());
      if (t == null || t.data().length != e.getValue().length) {
        throw new DataFormatException(dir.resolve(OPTIMIZER) + ": tensor " + e.getKey() + ": expected " + e.getValue().length
            + " values, found " + (t == null ? "none" : t.data().length));
      }
      System.arraycopy(t.data(), 0, e.getValue(), 0, t.data().length);
    }
    trainer.optimizer().setSteps((long) number(statePath, state, "optimizer_steps"));
    Model best = null;
    if (Files.exists(dir.resolve(BEST))) {
      best = model.copy();
      ModelFiles.loadInto(dir.resolve(BEST), best);
    }
    trainer.resumeAt(epochs, step, bestValidationError, bestEpoch, best);
    return epochs;
  }

  /** A feedforward network with its architecture in the metadata (so `measures --model` reads it); any other model by its tensors. */
  private static void save(Path file, Model model, Map<String, String> meta) throws IOException {
    if (model instanceof Network net) NetworkFiles.save(file, net, meta);
    else ModelFiles.save(file, model, meta);
  }

  private static double number(Path file, Map<?, ?> m, String key) {
    if (!(m.get(key) instanceof Number n)) throw new DataFormatException(file + ": " + key + ": expected a number, found " + m.get(key));
    return n.doubleValue();
  }
}
