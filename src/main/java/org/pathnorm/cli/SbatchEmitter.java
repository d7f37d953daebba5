package org.pathnorm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.experiments.Reproduction;
import org.pathnorm.experiments.SbatchScript;
import org.pathnorm.experiments.TaskResources;
import org.pathnorm.io.AtomicFiles;

/** {@code reproduce --emit-sbatch FILE}: estimates the tasks' resources and writes the Slurm script ({@link SbatchScript}). */
final class SbatchEmitter {
  private SbatchEmitter() {}

  static void emit(Path file, Reproduction r, DatasetSpec.Source source, List<String> args, Path out, String label, Integer cellsPerTask,
      int cpus) throws IOException {
    int cells = r.cellCount();
    int k = cellsPerTask != null ? cellsPerTask : Math.max(1, (cells + 63) / 64);
    TaskResources res = TaskResources.estimate(r, new TaskResources.DataShape(source.train().size(), source.test() == null ? 0 : source.test().size(),
        source.train().dimension()), k, cpus);
    Path base = out.toAbsolutePath().normalize();
    String text = SbatchScript.text(launcher(res.heapMiB()), base, args, res, cells, "pathnorm-" + label);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    AtomicFiles.writeString(file, text);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: `bash FILE` works all the same
    }
    System.out.printf(Locale.ROOT, "%s: %d cells in %d array tasks; per task %d CPU(s), %d MiB, time limit %s; submit with: bash %s%n",
        file, cells, res.tasks(), res.cpus(), res.memoryMiB(), res.slurmTime(), file);
  }

  /**
   * The command that starts this pathnorm in a task: this JVM's java on this jar (with the Vector API and the
   * estimated heap), not the {@code ./pathnorm} launcher, which would rebuild a stale jar with Maven in every task.
   * Outside a jar (tests, IDE), {@code pathnorm} on the PATH.
   */
  static List<String> launcher(long heapMiB) {
    Path jar;
    try {
      jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return List.of("pathnorm");
    }
    if (!jar.toString().endsWith(".jar")) return List.of("pathnorm");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> words = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx" + heapMiB + "m", "-jar", jar.toString()));
    return words;
  }
}
