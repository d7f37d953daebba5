package org.pathnorm.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** The one-line messages the CLI prints for errors (the stack trace only with {@code --verbose}). */
final class ErrorMessages {
  private ErrorMessages() {}

  /** The message of an error: its own where it has one that names what went wrong, else the file and the reason. */
  static String of(Throwable ex) {
    if (ex instanceof NoSuchFileException e) return e.getFile() + ": no such file or directory";
    if (ex instanceof AccessDeniedException e) return e.getFile() + ": permission denied";
    if (ex instanceof FileAlreadyExistsException e) return e.getFile() + ": already exists";
    if (ex instanceof NotDirectoryException e) return e.getFile() + ": not a directory";
    if (ex instanceof FileSystemException e && e.getReason() != null) {
      return e.getFile() + ": " + e.getReason() + (e.getOtherFile() != null ? " (" + e.getOtherFile() + ")" : "");
    }
    if (ex instanceof java.io.UncheckedIOException u && u.getCause() != null) return of(u.getCause());
    return ex.getMessage() != null ? ex.getMessage() : ex.toString();
  }

  /** Out of memory: how much the JVM may use and how to give it more. */
  static String outOfMemory() {
    double gib = Runtime.getRuntime().maxMemory() / (double) (1L << 30);
    return String.format(Locale.ROOT, "out of memory: the JVM may use %.1f GiB and this needs more; give it more with "
        + "PATHNORM_JAVA_OPTS=-Xmx%dg (e.g.) or choose a smaller --arch or --batch", gib, (long) Math.ceil(2 * gib));
  }
}
