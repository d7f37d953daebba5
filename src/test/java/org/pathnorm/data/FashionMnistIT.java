package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;

/**
 * End to end on the real Fashion-MNIST of Debian's {@code dataset-fashion-mnist} (CI installs it; the
 * test is skipped where the files are absent). A failsafe IT, so it runs once, not in every Surefire
 * execution.
 */
class FashionMnistIT {
  @Test
  void countsBalanceAndA784x256x10NetReaches84PercentIn2Epochs() {
    Path dir = Paths.get(DatasetSpec.FASHION_MNIST_DEBIAN);
    assumeTrue(Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")), "dataset-fashion-mnist is not installed");
    long start = System.nanoTime();
    DatasetSpec.Source src = DatasetSpec.read("fashion-mnist");
    double seconds = (System.nanoTime() - start) * 1e-9;
    assertEquals(60_000, src.train().size());
    assertEquals(10_000, src.test().size());
    assertEquals(784, src.train().dimension());
    int[] counts = new int[10];
    for (int y : src.train().labels()) counts[y]++;
    for (int c = 0; c < 10; c++) assertEquals(6_000, counts[c], "class " + c);
    System.out.printf("fashion-mnist read in %.2f s%n", seconds);

    DataTransforms t = DataTransforms.builder().validation(0).normalize(true).build();
    DatasetSpec.Splits s = DataPipeline.prepare("fashion-mnist", t, null).splits();
    Kernels kernels = KernelSelection.kernels();
    Architecture arch = Architecture.parse("784-256-10");
    Network net = new Network(arch);
    Initializer.GAUSSIAN.initialize(net, 1);
    Schedule schedule = Schedule.constant(0.02, 0.9);
    TrainingConfig config = TrainingConfig.builder().batch(100).epochs(2).threads(2).build();
    try (Trainer trainer = new Trainer(net, OptimizerSpec.of(Method.parse("sgd")), schedule, config)) {
      double testError = trainer.fit(s.train(), null, s.test()).last().testError();
      System.out.printf("fashion-mnist 784-256-10, 2 epochs, kernels %s: test accuracy %.2f%%%n", kernels.description(),
          100 * (1 - testError));
      assertTrue(1 - testError >= 0.84, "test accuracy " + (1 - testError));
    }
  }
}
