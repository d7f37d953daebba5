package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * data-loaders/fetch.sh after the download (which needs the internet): checksum verification,
 * refusal of a wrong checksum, and the layout the readers expect, on local files via {@code --from}.
 */
class FetchScriptTest {
  private static final Path SCRIPT = Paths.get("data-loaders/fetch.sh").toAbsolutePath();
  @TempDir Path dir;

  record Result(int exit, String out) {}

  private Result fetch(Path md5File, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (md5File != null) pb.environment().put("PATHNORM_FETCH_MD5", md5File.toString());
    else pb.environment().remove("PATHNORM_FETCH_MD5");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "fetch.sh hung");
    return new Result(p.exitValue(), out);
  }

  private static String md5(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f)));
  }

  private Path md5File(String name, String sum) throws IOException {
    return Files.writeString(dir.resolve("md5-" + name + sum.substring(0, 4)), sum + "  " + name + "\n");
  }

  @Test
  void cifar10ArchiveIsVerifiedUnpackedAndReadable() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/cifar-10-batches-bin"));
    for (int i = 1; i <= 5; i++) Files.write(src.resolve("data_batch_" + i + ".bin"), Fixtures.cifar(2, 1, 10, i));
    Files.write(src.resolve("test_batch.bin"), Fixtures.cifar(3, 1, 10, 6));
    Files.writeString(src.resolve("batches.meta.txt"), "airplane\n");
    Path tar = dir.resolve("src/cifar-10-binary.tar.gz");
    Process p = new ProcessBuilder("tar", "-czf", tar.toString(), "-C", dir.resolve("src").toString(), "cifar-10-batches-bin").start();
    assertEquals(0, p.waitFor());

    Path out = dir.resolve("cifar");
    Result ok = fetch(md5File("cifar-10-binary.tar.gz", md5(tar)), "cifar10", out.toString(), "--from", dir.resolve("src").toString());
    assertEquals(0, ok.exit(), ok.out());
    assertTrue(ok.out().contains("use --data cifar10:" + out), ok.out());
    DatasetSpec.Splits s = DatasetSpec.load("cifar10:" + out, 0);
    assertEquals(10, s.train().size());
    assertEquals(3, s.test().size());
    assertFalse(Files.exists(out.resolve(".fetch")), "the work directory is removed");

    // the built-in (official) MD5 refuses this fake archive, and nothing is laid out
    Path out2 = dir.resolve("cifar2");
    Result bad = fetch(null, "cifar10", out2.toString(), "--from", dir.resolve("src").toString());
    assertEquals(1, bad.exit(), bad.out());
    assertTrue(bad.out().contains("cifar-10-binary.tar.gz: md5 expected c32a1d4ab5d03f1284b67883e8d87530, found " + md5(tar)), bad.out());
    assertFalse(Files.exists(out2.resolve("data_batch_1.bin")));
  }

  @Test
  void idxFilesAreVerifiedFileByFile() throws Exception {
    Path src = Files.createDirectories(dir.resolve("mnist-src"));
    Fixtures.mnistDir(src, 20, 5, 28, 28, true, 3);
    StringBuilder sums = new StringBuilder();
    for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      sums.append(md5(src.resolve(f))).append("  ").append(f).append('\n');
    }
    Path good = Files.writeString(dir.resolve("sums"), sums);
    Path out = dir.resolve("mnist");
    Result ok = fetch(good, "mnist", out.toString(), "--from", src.toString());
    assertEquals(0, ok.exit(), ok.out());
    assertEquals(20, DatasetSpec.load("mnist:" + out, 0).train().size());

    Path wrong = Files.writeString(dir.resolve("wrong"), sums.toString().replaceFirst("^[0-9a-f]", "x"));
    Result bad = fetch(wrong, "mnist", dir.resolve("m2").toString(), "--from", src.toString());
    assertEquals(1, bad.exit(), bad.out());
    assertTrue(bad.out().contains("train-images-idx3-ubyte.gz: md5 expected x"), bad.out());
    Result unknown = fetch(null, "imagenet", dir.resolve("x").toString());
    assertTrue(unknown.exit() != 0 && unknown.out().contains("unknown dataset 'imagenet'"), unknown.out());
  }
}
