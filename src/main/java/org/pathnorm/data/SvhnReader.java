package org.pathnorm.data;

import java.nio.file.Path;
import java.util.Set;

/**
 * Reader of the SVHN cropped digits ({@code train_32x32.mat}, {@code test_32x32.mat}), MATLAB v5 files
 * holding {@code X}, uint8 [32, 32, 3, N] in MATLAB's column-major order, and {@code y}, [N, 1] with
 * labels 1–10 where 10 stands for the digit 0. Images are returned channel-major (3×32×32, as CIFAR),
 * pixels v/255, label 10 ↦ 0. The MAT container is parsed by {@link MatV5Reader}.
 */
public final class SvhnReader {
  public static final ImageShape SHAPE = new ImageShape(3, 32, 32);

  private SvhnReader() {}

  public static Dataset read(String name, Path file) {
    MatV5Reader.Contents mat = MatV5Reader.read(file, Set.of("X", "y"));
    MatV5Reader.Variable x = variable(mat, file, "X", "uint8 [32, 32, 3, N]");
    MatV5Reader.Variable y = variable(mat, file, "y", "[N, 1] labels 1..10");
    int[] xd = x.dims();
    if (x.matlabClass() != MatV5Reader.MX_UINT8 || x.dataType() != MatV5Reader.MI_UINT8 || x.complex() || xd.length != 4
        || xd[0] != 32 || xd[1] != 32 || xd[2] != 3) {
      throw new DataFormatException(file + ": variable X: expected uint8 [32, 32, 3, N], found " + x.describe());
    }
    int n = xd[3];
    int[] yd = y.dims();
    if (y.dataType() == 0 || y.complex() || yd.length != 2 || y.elements() != n || Math.min(yd[0], yd[1]) > 1) {
      throw new DataFormatException(file + ": variable y: expected a real [" + n + ", 1] vector (one label per image of X), found "
          + y.describe());
    }
    return Dataset.ofUnitBytes(name, pixels(x, n), labels(y, n, file), SHAPE.size(), 10, SHAPE);
  }

  /** X(r, c, ch, s) at r + 32c + 1024ch + 3072s (column-major) ↦ channel-major [s][ch][r][c]. */
  private static byte[] pixels(MatV5Reader.Variable x, int n) {
    byte[] px = new byte[Math.multiplyExact(n, SHAPE.size())];
    byte[] src = x.data().array();
    for (int s = 0; s < n; s++) {
      for (int ch = 0; ch < 3; ch++) {
        int from = s * SHAPE.size() + ch * SHAPE.plane();
        for (int c = 0; c < 32; c++) {
          for (int r = 0; r < 32; r++) px[from + r * 32 + c] = src[from + r + 32 * c];
        }
      }
    }
    return px;
  }

  private static int[] labels(MatV5Reader.Variable y, int n, Path file) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double v = y.get(i);
      if (!(v >= 1 && v <= 10 && v == Math.rint(v))) {
        throw new DataFormatException(file + ": variable y, element " + i + ": expected a label 1..10, found " + v);
      }
      out[i] = (int) v % 10;
    }
    return out;
  }

  private static MatV5Reader.Variable variable(MatV5Reader.Contents mat, Path file, String name, String expected) {
    MatV5Reader.Variable v = mat.variables().get(name);
    if (v == null) {
      throw new DataFormatException(file + ": variable " + name + " (" + expected + ") missing; found " + mat.names());
    }
    return v;
  }
}
