package org.pathnorm.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The UCI "Optical Recognition of Handwritten Digits" set embedded in the jar (1,797 samples of 8×8
 * pixels with values 0–16, scaled here to [0, 1]; labels 0–9). Creators E. Alpaydin and C. Kaynak
 * (1998), CC BY 4.0, as distributed with scikit-learn; see {@code org/pathnorm/data/digits-NOTICE.txt}.
 */
public final class Digits {
  public static final int SAMPLES = 1797;
  public static final int PIXELS = 64;
  private static final String RESOURCE = "/org/pathnorm/data/digits.csv.gz";

  private Digits() {}

  /** All 1,797 samples in file order. */
  public static Dataset load() {
    float[] x = new float[SAMPLES * PIXELS];
    int[] y = new int[SAMPLES];
    try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
      BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
      String line;
      int row = 0;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) continue;
        String[] f = line.split(",");
        if (f.length != PIXELS + 1 || row >= SAMPLES) {
          throw new IllegalStateException(RESOURCE + ": line " + (row + 1) + " has " + f.length + " fields, expected 65");
        }
        for (int j = 0; j < PIXELS; j++) x[row * PIXELS + j] = Float.parseFloat(f[j]) / 16f;
        y[row] = (int) Float.parseFloat(f[PIXELS]);
        row++;
      }
      if (row != SAMPLES) throw new IllegalStateException(RESOURCE + ": " + row + " rows, expected " + SAMPLES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Dataset("digits", x, y, PIXELS, 10, new ImageShape(1, 8, 8));
  }
}
