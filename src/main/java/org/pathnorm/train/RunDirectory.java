package org.pathnorm.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pathnorm.io.AtomicFiles;

/**
 * A run directory opened for writing: created if needed, locked ({@link RunLock}) and cleared of the
 * temporary files of interrupted writes. Open it only after every argument and input has been
 * validated, so a refused command leaves nothing behind.
 */
public final class RunDirectory implements AutoCloseable {
  private final Path dir;
  private final RunLock lock;
  private final boolean created;

  private RunDirectory(Path dir, RunLock lock, boolean created) {
    this.dir = dir;
    this.lock = lock;
    this.created = created;
  }

  /**
   * Checks that {@code dir} is a directory or absent, without creating anything.
   *
   * @param option the option naming it, for the message
   */
  public static void checkPath(Path dir, String option) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(option + " " + dir + ": expected a directory (existing or new), found a file");
    }
  }

  /** Creates (if needed), locks and cleans {@code dir}. */
  public static RunDirectory open(Path dir, String option) throws IOException {
    checkPath(dir, option);
    boolean created = !Files.exists(dir);
    Files.createDirectories(dir);
    RunLock lock = RunLock.acquire(dir, option);
    try {
      AtomicFiles.cleanTemporaryFiles(dir);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    return new RunDirectory(dir, lock, created);
  }

  public Path path() {
    return dir;
  }

  /** Whether this open created the directory (a failed fresh run may then remove it). */
  public boolean created() {
    return created;
  }

  @Override public void close() throws IOException {
    lock.close();
  }
}
