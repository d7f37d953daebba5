package org.pathnorm.measures;

import java.io.IOException;
import java.nio.file.Path;
import org.pathnorm.data.Dataset;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.nn.Network;

/**
 * The measures a training run writes into its directory: the cheap ones ({@link MeasureOptions#defaults()})
 * on the training set, as {@code measures.json}, atomically.
 */
public final class RunMeasures {
  public static final String FILE = "measures.json";

  private RunMeasures() {}

  public static MeasureReport write(Path runDir, Network net, Network init, Dataset train) throws IOException {
    MeasureReport r = Measures.compute(net, init, train, MeasureOptions.defaults());
    AtomicFiles.writeString(runDir.resolve(FILE), r.toJson() + "\n");
    return r;
  }
}
