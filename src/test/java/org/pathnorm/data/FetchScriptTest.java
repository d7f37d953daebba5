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

  /** Runs fetch.sh with checksum overrides: {@code sums} holds "sha256 md5 name" lines (null: the built-in ones). */
  private Result fetch(Path sums, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("PATHNORM_FETCH_MD5");
    pb.environment().remove("PATHNORM_FETCH_SHA256");
    if (sums != null) {
      StringBuilder sha = new StringBuilder();
      StringBuilder md5 = new StringBuilder();
      for (String line : Files.readAllLines(sums)) {
        String[] f = line.trim().split("\\s+");
        sha.append(f[0]).append("  ").append(f[2]).append('\n');
        md5.append(f[1]).append("  ").append(f[2]).append('\n');
      }
      pb.environment().put("PATHNORM_FETCH_SHA256", Files.writeString(sums.resolveSibling(sums.getFileName() + ".sha256"), sha).toString());
      pb.environment().put("PATHNORM_FETCH_MD5", Files.writeString(sums.resolveSibling(sums.getFileName() + ".md5"), md5).toString());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "fetch.sh hung");
    return new Result(p.exitValue(), out);
  }

  private static String md5(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f)));
  }

  private static String sha256(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  /** "sha256 md5 name" of a file. */
  private static String sums(Path f) throws Exception {
    return sha256(f) + " " + md5(f) + " " + f.getFileName() + "\n";
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
    Result ok = fetch(Files.writeString(dir.resolve("sums-cifar"), sums(tar)), "cifar10", out.toString(), "--from",
        dir.resolve("src").toString());
    assertEquals(0, ok.exit(), ok.out());
    assertTrue(ok.out().contains("use --data cifar10:" + out), ok.out());
    DatasetSpec.Splits s = DatasetSpec.load("cifar10:" + out, 0);
    assertEquals(10, s.train().size());
    assertEquals(3, s.test().size());
    assertFalse(Files.exists(out.resolve(".fetch")), "the work directory is removed");

    // the built-in (official) SHA-256 refuses this fake archive, and nothing is laid out
    Path out2 = dir.resolve("cifar2");
    Result bad = fetch(null, "cifar10", out2.toString(), "--from", dir.resolve("src").toString());
    assertEquals(1, bad.exit(), bad.out());
    assertTrue(bad.out().contains("cifar-10-binary.tar.gz: sha256 expected c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd,"
        + " found " + sha256(tar)), bad.out());
    // a right SHA-256 with a wrong MD5 is refused too
    Path md5Only = Files.writeString(dir.resolve("sums-md5"), sha256(tar) + " " + "0".repeat(32) + " cifar-10-binary.tar.gz\n");
    Result badMd5 = fetch(md5Only, "cifar10", dir.resolve("cifar3").toString(), "--from", dir.resolve("src").toString());
    assertEquals(1, badMd5.exit(), badMd5.out());
    assertTrue(badMd5.out().contains("cifar-10-binary.tar.gz: md5 expected " + "0".repeat(32)), badMd5.out());
    assertFalse(Files.exists(out2.resolve("data_batch_1.bin")));
  }

  @Test
  void idxFilesAreVerifiedFileByFile() throws Exception {
    Path src = Files.createDirectories(dir.resolve("mnist-src"));
    Fixtures.mnistDir(src, 20, 5, 28, 28, true, 3);
    StringBuilder sums = new StringBuilder();
    for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      sums.append(sums(src.resolve(f)));
    }
    Path good = Files.writeString(dir.resolve("sums"), sums);
    Path out = dir.resolve("mnist");
    Result ok = fetch(good, "mnist", out.toString(), "--from", src.toString());
    assertEquals(0, ok.exit(), ok.out());
    assertEquals(20, DatasetSpec.load("mnist:" + out, 0).train().size());

    Path wrong = Files.writeString(dir.resolve("wrong"), sums.toString().replaceFirst("^[0-9a-f]", "x"));
    Result bad = fetch(wrong, "mnist", dir.resolve("m2").toString(), "--from", src.toString());
    assertEquals(1, bad.exit(), bad.out());
    assertTrue(bad.out().contains("train-images-idx3-ubyte.gz: sha256 expected x"), bad.out());
    Result unknown = fetch(null, "imagenet", dir.resolve("x").toString());
    assertTrue(unknown.exit() != 0 && unknown.out().contains("unknown dataset 'imagenet'"), unknown.out());
  }
}
