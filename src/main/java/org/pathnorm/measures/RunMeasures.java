package org.pathnorm.measures;

import org.pathnorm.linalg.WorkerPools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import org.pathnorm.data.Dataset;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.nn.Network;

/**
 * The measures a training run writes into its directory: the cheap ones ({@link MeasureOptions#defaults()})
 * on the training set, as {@code measures.json}, atomically. A DDP-normalised network is measured as its
 * folded plain network ({@link Measures#compute}).
 */
public final class RunMeasures {
  public static final String FILE = "measures.json";

  private RunMeasures() {}

  /** Computes the default measures on {@code threads} threads and writes them; returns them. */
  public static MeasureReport write(Path runDir, Network net, Network init, Dataset train, int threads) throws IOException {
    ForkJoinPool pool = WorkerPools.create(threads);
    try {
      MeasureReport r = Measures.compute(net, init, train, MeasureOptions.defaults(), pool);
      AtomicFiles.writeString(runDir.resolve(FILE), MeasureJson.toJson(r) + "\n");
      return r;
    } finally {
      if (pool != null) pool.shutdown();
    }
  }
}
