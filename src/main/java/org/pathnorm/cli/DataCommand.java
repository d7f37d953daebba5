package org.pathnorm.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.PreviewGrid;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.simd.KernelSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pathnorm data inspect|preview}: look at a dataset as a run would see it. */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Inspect datasets and preview samples, after the same transforms as `pathnorm train`.",
    subcommands = {DataCommand.Inspect.class, DataCommand.Preview.class})
final class DataCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Print sizes, classes, per-class counts, pixel statistics and the SHA-256 of the files read.")
  static final class Inspect implements Callable<Integer> {
    @Mixin DataOptions data;
    @Parameters(arity = "0..1", paramLabel = "SPEC", description = "Dataset spec, as --data.") String spec;

    @Override public Integer call() throws IOException {
      DataPipeline.Prepared p = data.prepare(spec, 1, KernelSelection.kernels());
      StringBuilder out = new StringBuilder();
      out.append("dataset ").append(spec != null ? spec : data.data).append('\n');
      for (String step : p.steps()) out.append("  step: ").append(step).append('\n');
      describe(out, "train", p.splits().train());
      if (p.splits().validation() != null) describe(out, "validation", p.splits().validation());
      describe(out, "test", p.splits().test());
      for (Path f : p.files()) {
        out.append(String.format(Locale.ROOT, "sha256 %s  %s (%d bytes)%n", sha256(f), f, Files.size(f)));
      }
      System.out.print(out);
      return 0;
    }

    private static void describe(StringBuilder out, String role, Dataset d) {
      out.append(String.format(Locale.ROOT, "%s: %d samples x %d features%s, %d classes%n", role, d.size(), d.dimension(),
          d.shape() == null ? "" : " (image " + d.shape() + ")", d.classes()));
      int[] counts = new int[d.classes()];
      for (int y : d.labels()) counts[y]++;
      out.append("  per class:");
      for (int c = 0; c < counts.length; c++) out.append(' ').append(c).append('=').append(counts[c]);
      out.append('\n');
      int channels = d.shape() == null ? 1 : d.shape().channels();
      int plane = d.dimension() / channels;
      for (int c = 0; c < channels; c++) {
        double sum = 0, sq = 0;
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        float[] x = d.features();
        for (int s = 0; s < d.size(); s++) {
          int o = s * d.dimension() + c * plane;
          for (int i = 0; i < plane; i++) {
            float v = x[o + i];
            sum += v;
            sq += (double) v * v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
        double n = (double) d.size() * plane;
        double mean = sum / n;
        out.append(String.format(Locale.ROOT, "  %s: min %.6g max %.6g mean %.6g std %.6g%n",
            channels == 1 ? (d.shape() == null ? "features" : "pixels") : "channel " + c, lo, hi, mean,
            Math.sqrt(Math.max(0, sq / n - mean * mean))));
      }
    }
  }

  @Command(name = "preview", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Write a PNG grid of samples with their labels.")
  static final class Preview implements Callable<Integer> {
    @Mixin DataOptions data;
    @Parameters(arity = "0..1", paramLabel = "SPEC", description = "Dataset spec, as --data.") String spec;
    @Option(names = "--out", required = true, description = "PNG file to write.") Path out;
    @Option(names = "--split", defaultValue = "train", description = "train, validation or test (default: ${DEFAULT-VALUE}).") String split;
    @Option(names = "--count", defaultValue = "64", description = "Samples shown, the first of the split (default: ${DEFAULT-VALUE}).") int count;
    @Option(names = "--columns", defaultValue = "16", description = "Samples per row (default: ${DEFAULT-VALUE}).") int columns;
    @Option(names = "--scale", defaultValue = "3", description = "Screen pixels per image pixel (default: ${DEFAULT-VALUE}).") int scale;

    @Override public Integer call() throws IOException {
      DataPipeline.Prepared p = data.prepare(spec, 1, KernelSelection.kernels());
      Dataset d;
      switch (split.toLowerCase(Locale.ROOT)) {
        case "train": d = p.splits().train(); break;
        case "test": d = p.splits().test(); break;
        case "validation":
          d = p.splits().validation();
          if (d == null) throw new IllegalArgumentException("--split validation needs --validation > 0");
          break;
        default: throw new IllegalArgumentException("--split: expected train, validation or test, got '" + split + "'");
      }
      System.setProperty("java.awt.headless", "true"); // java.awt draws the labels; no display needed
      BufferedImage img = PreviewGrid.render(d, count, columns, scale);
      AtomicFiles.write(out, o -> ImageIO.write(img, "png", o));
      System.out.printf(Locale.ROOT, "wrote %s (%d samples of %s, %dx%d pixels)%n", out, Math.min(count, d.size()), d.name(),
          img.getWidth(), img.getHeight());
      return 0;
    }
  }

  /** The SHA-256 of a file, hex. */
  static String sha256(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) > 0) md.update(buf, 0, r);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
