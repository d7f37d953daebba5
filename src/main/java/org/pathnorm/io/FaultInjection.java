package org.pathnorm.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A test hook called before every file operation of {@link AtomicFiles} and of a run directory's
 * epoch commit (create, write, fsync, rename, delete). Unset (the default) it costs one volatile read.
 * Tests install a hook that aborts at the n-th operation, by throwing {@link Crash} (which, like a
 * {@code kill -9}, skips every clean-up) or an {@link IOException} (a full disk), and then check that
 * a resumed run ends bit-identical to an uninterrupted one.
 *
 * <p>Internal: public only for use across PathNorm's packages, not part of the API.
 *
 * @hidden
 */
public final class FaultInjection {
  /** The hook: may throw to abort the operation about to happen. */
  @FunctionalInterface
  public interface Hook {
    /**
     * @param operation one of {@code create}, {@code write}, {@code fsync}, {@code rename}, {@code delete}
     * @param file      the file about to be operated on
     */
    void before(String operation, Path file) throws IOException;
  }

  /** A simulated process death: an {@link Error}, so no {@code catch (IOException | RuntimeException)} clean-up runs. */
  public static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    public Crash(String message) {
      super(message);
    }
  }

  private static volatile Hook hook;
  private static volatile boolean sync = true;

  private FaultInjection() {}

  /** Installs a hook (null removes it). */
  public static void set(Hook h) {
    hook = h;
  }

  /**
   * Turns the fsync calls off (tests only): a simulated process death needs none, only a power loss
   * does, and thousands of fsyncs make a fault-injection sweep slow. The hook is still called.
   */
  public static void setSync(boolean on) {
    sync = on;
  }

  /** Whether fsync calls are made (true unless a test turned them off). */
  static boolean sync() {
    return sync;
  }

  /** Called before a file operation; runs the hook if one is installed. */
  public static void before(String operation, Path file) throws IOException {
    Hook h = hook;
    if (h != null) h.before(operation, file);
  }
}
