package org.pathnorm.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run directory: an OS file lock on {@code DIR/.pathnorm.lock}, held while a
 * process writes the directory and released when it ends (also when it is killed: the OS drops the
 * lock with the process). The file holds the owner's process id, for the message a second process
 * gets. The file itself stays; deleting it would let two processes lock two different files.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name. */
  public static final String FILE = ".pathnorm.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (which must exist), or fails at once.
   *
   * @param option the option that named the directory, for the message (e.g. {@code --out})
   * @throws RunDirectoryBusyException if another process (or another run in this one) holds it
   */
  public static RunLock acquire(Path dir, String option) throws IOException {
    Path file = dir.resolve(FILE);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      String owner;
      try {
        owner = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        owner = "";
      } finally {
        ch.close();
      }
      throw new RunDirectoryBusyException(option + " " + dir + ": another pathnorm process" + (owner.isEmpty() ? "" : " (pid " + owner + ")")
          + " is writing this run directory (it holds " + file + "); wait for it to finish or choose another " + option);
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
    return new RunLock(ch, lock);
  }

  @Override public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** The run directory is locked by another process. */
  public static final class RunDirectoryBusyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    RunDirectoryBusyException(String message) {
      super(message);
    }
  }
}
