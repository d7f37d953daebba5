package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.types.MatlabType;

/**
 * A seeded mutator runs 10,400 corrupted files through every reader: each must either read or throw
 * {@link DataFormatException} with a one-line message — never another exception, an
 * OutOfMemoryError or a hang.
 */
class ReaderFuzzTest {
  private static final int PER_FORMAT = 1300;
  @TempDir Path dir;

  @Test
  void mutatedFilesGiveOnlyClearErrors() throws IOException {
    byte[] px = Fixtures.randomBytes(6 * 7 * 5, 1);
    byte[] idxImages = Fixtures.idx(new int[] {6, 7, 5}, px);
    byte[] idxLabels = Fixtures.idx(new int[] {6}, Fixtures.labels(6, 10, 2));
    Path goodImages = Files.write(dir.resolve("good-images"), idxImages);
    Path goodLabels = Files.write(dir.resolve("good-labels"), idxLabels);
    byte[] cifar10 = Fixtures.cifar(3, 1, 10, 3);
    byte[] cifar100 = Fixtures.cifar(2, 2, 100, 4);
    Path matPlain = dir.resolve("plain.mat");
    Fixtures.svhn(matPlain, Fixtures.randomBytes(3 * 3072, 5), new int[] {1, 10, 4}, "X", "y", MatlabType.Double, false);
    Path matZ = dir.resolve("z.mat");
    Fixtures.svhn(matZ, Fixtures.randomBytes(2 * 3072, 6), new int[] {2, 7}, "X", "y", MatlabType.UInt8, true);
    byte[] csv = "a,b,c,label\n0.5,1,2,3\n1e-3,4,5,0\n7,8,9,1\n".getBytes(StandardCharsets.US_ASCII);

    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Consumer<Path>> readers = new TreeMap<>(Map.of(
        "idx-images", p -> IdxReader.read("f", p, goodLabels, 10),
        "idx-images.gz", p -> IdxReader.read("f", p, goodLabels, 10),
        "idx-labels", p -> IdxReader.read("f", goodImages, p, 10),
        "cifar10", p -> CifarReader.read("f", List.of(p), CifarReader.Labels.CIFAR10),
        "cifar100.gz", p -> CifarReader.read("f", List.of(p), CifarReader.Labels.FINE),
        "mat", p -> SvhnReader.read("f", p),
        "mat-compressed", p -> SvhnReader.read("f", p),
        "csv", p -> CsvReader.read("f", p, "label")));
    Map<String, byte[]> seeds = Map.of(
        "idx-images", idxImages, "idx-images.gz", Fixtures.gzip(idxImages), "idx-labels", idxLabels,
        "cifar10", cifar10, "cifar100.gz", Fixtures.gzip(cifar100),
        "mat", Files.readAllBytes(matPlain), "mat-compressed", Files.readAllBytes(matZ), "csv", csv);
    int[] total = {0};
    assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
      SplittableRandom rnd = new SplittableRandom(20261123);
      for (var e : readers.entrySet()) {
        byte[] seed = seeds.get(e.getKey());
        for (int i = 0; i < PER_FORMAT; i++) {
          Path f = Files.write(dir.resolve(e.getKey() + "-" + i), mutate(seed, rnd));
          String outcome;
          long start = System.nanoTime();
          try {
            e.getValue().accept(f);
            outcome = "read";
          } catch (DataFormatException x) {
            assertTrue(!x.getMessage().contains("\n") && x.getMessage().contains(f.toString()), x.getMessage());
            outcome = "DataFormatException";
          } catch (Throwable x) {
            outcome = "UNEXPECTED " + x.getClass().getName() + ": " + x.getMessage();
          }

          assertTrue(System.nanoTime() - start < 5_000_000_000L, e.getKey() + " took > 5 s on " + f);
          outcomes.merge(e.getKey() + " " + outcome, 1, Integer::sum);
          Files.delete(f);
          total[0]++;
        }
      }
    });
    System.out.println("fuzz outcomes: " + outcomes);
    assertEquals(10_400, total[0]);
    for (String k : outcomes.keySet()) assertTrue(!k.contains("UNEXPECTED"), "unexpected outcome " + k + " in " + outcomes);
  }

  /** One to three random mutations: bit flips, extreme 32-bit values, truncation, insertion or deletion. */
  static byte[] mutate(byte[] seed, SplittableRandom rnd) {
    byte[] b = seed.clone();
    int k = 1 + rnd.nextInt(3);
    for (int m = 0; m < k && b.length > 0; m++) {
      int at = rnd.nextInt(b.length);
      switch (rnd.nextInt(6)) {
        case 0:
          b[at] ^= (byte) (1 << rnd.nextInt(8));
          break;
        case 1: {
          // headers live at the front: bias extreme values there
          int pos = Math.min(b.length - 1, rnd.nextInt(Math.min(b.length, 256)));
          int[] extreme = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 24, rnd.nextInt()};
          int v = extreme[rnd.nextInt(extreme.length)];
          for (int j = 0; j < 4 && pos + j < b.length; j++) b[pos + j] = (byte) (v >>> (8 * (rnd.nextBoolean() ? j : 3 - j)));
          break;
        }
        case 2:
          b = Arrays.copyOf(b, at);
          break;
        case 3: {
          byte[] ins = Fixtures.randomBytes(1 + rnd.nextInt(16), rnd.nextLong());
          byte[] c = new byte[b.length + ins.length];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(ins, 0, c, at, ins.length);
          System.arraycopy(b, at, c, at + ins.length, b.length - at);
          b = c;
          break;
        }
        case 4: {
          int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
          byte[] c = new byte[b.length - len];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at + len, c, at, b.length - at - len);
          b = c;
          break;
        }
        default:
          b[at] = (byte) rnd.nextInt(256);
      }
    }
    return b;
  }
}
