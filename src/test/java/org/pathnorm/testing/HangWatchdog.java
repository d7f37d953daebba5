package org.pathnorm.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A hung test must not hold CI until its hard limit with nothing to show: when one test method runs
 * longer than {@code pathnorm.test.hangSeconds} (default 600 s; the slowest test takes about 150 s),
 * every thread's full stack and the locks it waits on go to the process's stderr (the CI log) and to the
 * test's output file, and the test JVM is halted, which
 * fails the build at once. Registered for every JUnit Jupiter test through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} (autodetection is enabled in
 * {@code junit-platform.properties}).
 */
public final class HangWatchdog implements BeforeEachCallback, AfterEachCallback {
  private static final long LIMIT_SECONDS = Long.getLong("pathnorm.test.hangSeconds", 600);
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HangWatchdog.class);
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pathnorm-hang-watchdog");
    t.setDaemon(true);
    return t;
  });

  @Override public void beforeEach(ExtensionContext context) {
    String test = context.getUniqueId();
    ScheduledFuture<?> alarm = TIMER.schedule(() -> dumpAndHalt(test), LIMIT_SECONDS, TimeUnit.SECONDS);
    context.getStore(NAMESPACE).put("alarm", alarm);
  }

  @Override public void afterEach(ExtensionContext context) {
    ScheduledFuture<?> alarm = context.getStore(NAMESPACE).remove("alarm", ScheduledFuture.class);
    if (alarm != null) alarm.cancel(false);
  }

  private static void dumpAndHalt(String test) {
    StringBuilder s = new StringBuilder();
    s.append("HANG: ").append(test).append(" ran longer than ").append(LIMIT_SECONDS).append(" s; all threads:\n");
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      s.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
      if (t.getLockInfo() != null) s.append(" on ").append(t.getLockInfo());
      if (t.getLockOwnerName() != null) s.append(" owned by \"").append(t.getLockOwnerName()).append('"');
      s.append('\n');
      for (StackTraceElement e : t.getStackTrace()) s.append("    at ").append(e).append('\n');
    }
    // to the process's own stderr, not System.err: the build redirects test output to files, and the
    // dump must reach the CI log before the halt
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    err.print(s);
    err.flush();
    System.err.print(s);
    System.err.flush();
    Runtime.getRuntime().halt(97);
  }
}
