package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.testing.ThreadAllocation;
import us.hebi.matlab.mat.types.MatlabType;

/**
 * What a reader allocates, against the float array of its features: the issue allows ~2× for CIFAR and
 * SVHN; the readers keep the pixels as bytes (a quarter of the floats) and stream through 64 KiB
 * buffers, so only SVHN's MAT data (one byte per pixel) comes on top.
 */
class ReaderMemoryTest {
  @TempDir Path dir;

  private static double ratio(Supplier<Dataset> read) {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    long before = counter.bytes();
    Dataset d = read.get();
    long allocated = counter.bytes() - before;
    return (double) allocated / (4L * d.features().length);
  }

  @Test
  void readersAllocateLittleBeyondTheirFloats() throws IOException {
    Path cifar = Files.write(dir.resolve("c.bin"), Fixtures.cifar(3000, 1, 10, 1));
    double c = ratio(() -> CifarReader.read("c", List.of(cifar), CifarReader.Labels.CIFAR10));
    Path svhn = dir.resolve("s.mat");
    int[] y = new int[1000];
    java.util.Arrays.fill(y, 3);
    Fixtures.svhn(svhn, Fixtures.randomBytes(1000 * 3072, 2), y, "X", "y", MatlabType.Double, true);
    double s = ratio(() -> SvhnReader.read("s", svhn));
    Fixtures.mnistDir(dir, 3000, 1, 28, 28, true, 3);
    double m = ratio(() -> IdxReader.read("m", dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), 10));
    System.out.printf("allocated / float size: cifar %.3f, svhn %.3f, idx.gz %.3f%n", c, s, m);
    assertTrue(c < 0.3, "cifar " + c + ": kept as bytes, a quarter of the floats");
    assertTrue(s < 0.6, "svhn " + s + ": the MAT data and the bytes kept, half the floats");
    assertTrue(m < 0.3, "idx " + m + ": kept as bytes, a quarter of the floats");
    assertEquals(3000, CifarReader.read("c", List.of(cifar), CifarReader.Labels.CIFAR10).size());
  }
}
