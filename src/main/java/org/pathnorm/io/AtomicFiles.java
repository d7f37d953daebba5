package org.pathnorm.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic file writes: the content goes to a temporary file {@code .NAME.<random>.tmp} in the same
 * directory, is forced to disk, and is renamed over the target; the directory is then forced too. A
 * reader never sees a half-written file; a failed write leaves the previous file untouched and removes
 * its temporary file; a killed process may leave one, which {@link #cleanTemporaryFiles} removes on the
 * next start. Files are created with the default permissions, so the umask applies. Errors name the
 * file (a full disk reads {@code FILE: cannot write: No space left on device}).
 */
public final class AtomicFiles {
  /** Suffix of the temporary files (with a leading dot on the name). */
  public static final String TMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** Writes the content produced by {@code body}. */
  public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = null;
    try {
      tmp = createTemporary(dir, target.getFileName().toString());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        FaultInjection.before("write", tmp);
        OutputStream out = Channels.newOutputStream(ch);
        body.accept(out);
        out.flush();
        FaultInjection.before("fsync", tmp);
        if (FaultInjection.sync()) ch.force(true);
      }
      move(tmp, target);
      tmp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      if (tmp != null) Files.deleteIfExists(tmp);
      throw named(target, "write", e);
    } catch (RuntimeException e) {
      if (tmp != null) Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Writes bytes. */
  public static void write(Path target, byte[] content) throws IOException {
    write(target, out -> out.write(content));
  }

  /** Writes a UTF-8 string. */
  public static void writeString(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Renames {@code from} over {@code to} atomically where the file system can (not forced: see {@link #syncDirectory}). */
  public static void move(Path from, Path to) throws IOException {
    try {
      FaultInjection.before("rename", to);
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw named(to, "write", e);
    }
  }

  /** Deletes a file if it exists (through the fault-injection hook). */
  public static void delete(Path file) throws IOException {
    if (!Files.exists(file)) return;
    try {
      FaultInjection.before("delete", file);
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw named(file, "delete", e);
    }
  }

  /** Forces a directory's entries (renames, deletions) to disk; a no-op where directories cannot be opened (Windows). */
  public static void syncDirectory(Path dir) throws IOException {
    if (dir == null) return;
    try {
      FaultInjection.before("fsync", dir);
    } catch (IOException e) {
      throw named(dir, "sync", e);
    }
    if (!FaultInjection.sync()) return;
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not supported on this platform: the renames are still atomic, only their durability is the OS's
    }
  }

  /** Deletes the temporary files of interrupted writes in {@code dir} (not recursive); returns how many. */
  public static int cleanTemporaryFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return 0;
    int n = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + "*" + TMP_SUFFIX)) {
      for (Path p : s) {
        if (Files.isRegularFile(p)) {
          delete(p);
          n++;
        }
      }
    }
    return n;
  }

  private static Path createTemporary(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TMP_SUFFIX);
      FaultInjection.before("create", tmp);
      try {
        // default attributes: 0666 minus the umask, as any other program's files
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) throw e;
      }
    }
  }

  /** The same error with the target's name in front (a bare "No space left on device" names nothing). */
  static IOException named(Path target, String action, IOException e) {
    String msg = e.getMessage();
    if (msg != null && msg.startsWith(target.toString() + ": cannot ")) return e;
    String reason = e instanceof FileSystemException fse ? fse.getReason() : msg;
    if (reason == null) {
      reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e instanceof NoSuchFileException ? "no such directory" : e.getClass().getSimpleName();
    }
    return new IOException(target + ": cannot " + action + ": " + reason, e);
  }

  /** A consumer that may throw {@link IOException}. */
  @FunctionalInterface
  public interface IoConsumer<T> {
    void accept(T t) throws IOException;
  }
}
