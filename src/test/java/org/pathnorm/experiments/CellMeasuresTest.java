package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.Dataset;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.measures.MeasureJson;
import org.pathnorm.measures.MeasureOptions;
import org.pathnorm.measures.Measures;
import org.pathnorm.nn.Network;
import org.pathnorm.simd.KernelSelection;

/**
 * A feedforward cell's measures.json, whose margins come from its last evaluation of the training set, is the file a
 * forward pass over the training set gives for the saved weights.
 */
class CellMeasuresTest {

  @Test
  void aCellsMeasuresAreThoseOfAForwardPass(@TempDir Path dir) throws Exception {
    List<Cell> cells = new HiddenUnits().cells(MadeUpResults.SMOKE);
    Cell first = cells.get(0);
    RunSpec s = (RunSpec) first.spec();
    RunSpec two = new RunSpec(s.data(), s.transforms(), s.arch(), s.optimizer(), s.ddp(), s.normalization(), s.lr(), s.momentum(),
        s.schedule(), s.init(), s.dropout(), s.weightDecay(), s.batch(), 2, s.seed(), s.stopLoss(), "cheap", s.censorHidden());
    CellResult r = new CellRunner(KernelSelection.kernels(), 2).run(new Cell(first.id(), two), dir);
    assertEquals("completed", r.stopped());
    Dataset train = DataPipeline.prepare(two.data(), two.transforms(), null).splits().train();
    Network net = NetworkFiles.load(dir.resolve("model.safetensors"));
    Network init = NetworkFiles.load(dir.resolve("init.safetensors"));
    String pass = MeasureJson.toJson(Measures.compute(net, init, train, MeasureOptions.defaults().withSeed(two.seed()), null));
    assertEquals(pass + "\n", Files.readString(dir.resolve("measures.json")));
  }
}
