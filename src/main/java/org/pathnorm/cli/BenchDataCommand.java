package org.pathnorm.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.io.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pathnorm bench data}: the time to read a dataset into float arrays against a baseline in
 * the same run, the time to just decompress (or read) the same files to nowhere with
 * {@link GZIPInputStream}; the two alternate, one warm-up each, medians reported.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Time reading a dataset (spec as --data) against just gunzipping its files.")
final class BenchDataCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = "fashion-mnist", description = "Dataset spec (default: ${DEFAULT-VALUE}).") String data;
  @Option(names = "--repeat", defaultValue = "7", description = "Repetitions; the median is reported (default: ${DEFAULT-VALUE}).") int repeat;
  @Option(names = "--json", description = "Print one JSON object.") boolean json;

  @Override public Integer call() throws IOException {
    if (repeat < 1) throw new IllegalArgumentException("--repeat must be >= 1, got " + repeat);
    List<Path> files = DatasetSpec.read(data).files();
    if (files.isEmpty()) throw new IllegalArgumentException("--data " + data + " reads no files (embedded or synthetic data)");
    long bytes = drain(files);
    double[] load = new double[repeat];
    double[] gunzip = new double[repeat];
    for (int r = 0; r < repeat; r++) {
      long t0 = System.nanoTime();
      drain(files);
      long t1 = System.nanoTime();
      DatasetSpec.Source s = DatasetSpec.read(data);
      long t2 = System.nanoTime();
      if (s.train().size() == 0) throw new IllegalStateException("empty dataset");
      gunzip[r] = (t1 - t0) * 1e-6;
      load[r] = (t2 - t1) * 1e-6;
    }
    double loadMs = median(load);
    double gunzipMs = median(gunzip);
    long compressed = 0;
    for (Path f : files) compressed += Files.size(f);
    double mb = bytes / 1e6;
    if (json) {
      System.out.println(new JsonWriter().beginObject(null).value("data", data).value("files", files.size())
          .value("file_bytes", compressed).value("content_bytes", bytes).value("repeat", repeat)
          .value("load_ms_median", loadMs).value("gunzip_ms_median", gunzipMs).value("load_mb_per_s", mb / (loadMs / 1e3))
          .value("gunzip_mb_per_s", mb / (gunzipMs / 1e3)).value("load_over_gunzip", loadMs / gunzipMs)
          .value("jdk", VersionInfo.jdk()).endObject());
    } else {
      System.out.printf(Locale.ROOT, "%s: %d files, %.1f MB on disk, %.1f MB of content%n", data, files.size(), compressed / 1e6, mb);
      System.out.printf(Locale.ROOT, "read into floats: median %.1f ms (%.0f MB/s of content)%n", loadMs, mb / (loadMs / 1e3));
      System.out.printf(Locale.ROOT, "gunzip only:      median %.1f ms (%.0f MB/s)%n", gunzipMs, mb / (gunzipMs / 1e3));
      System.out.printf(Locale.ROOT, "ratio read / gunzip: %.2f (%d repetitions)%n", loadMs / gunzipMs, repeat);
    }
    return 0;
  }

  /** Decompresses (gzip) or reads (raw) every file to nowhere; returns the content bytes. */
  private static long drain(List<Path> files) throws IOException {
    long total = 0;
    byte[] buf = new byte[1 << 16];
    for (Path f : files) {
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
        raw.mark(2);
        boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw;
        int r;
        while ((r = in.read(buf)) > 0) total += r;
      }
    }
    return total;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
