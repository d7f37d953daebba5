package org.pathnorm.data;

import java.util.function.Supplier;

/**
 * Runs two independent computations at once, one on the calling thread and one on a new thread: the
 * training and the test files of a dataset (reading it then takes about as long as decompressing its
 * largest file), or the end-of-run measures' pass over the training set beside the margins. The
 * results do not depend on the timing; an exception of either is rethrown as it was.
 *
 * <p>Internal: public only for use across PathNorm's packages, not part of the API.
 *
 * @hidden
 */
public final class Concurrently {
  private Concurrently() {}

  /** The two results. */
  public record Pair<A, B>(A first, B second) {}

  /** {@code first} on the calling thread while {@code second} runs on a new daemon thread; both results. */
  public static <A, B> Pair<A, B> both(Supplier<A> first, Supplier<B> second) {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(() -> {
      try {
        result[0] = second.get();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "pathnorm-read");
    t.setDaemon(true);
    t.start();
    A a;
    try {
      a = first.get();
    } finally {
      join(t);
    }
    if (failure[0] instanceof RuntimeException) throw (RuntimeException) failure[0];
    if (failure[0] instanceof Error) throw (Error) failure[0];
    @SuppressWarnings("unchecked") B b = (B) result[0];
    return new Pair<>(a, b);
  }

  /** Waits for {@code t} to end, keeping this thread's interrupt status for later (a join cannot be abandoned midway). */
  public static void join(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
