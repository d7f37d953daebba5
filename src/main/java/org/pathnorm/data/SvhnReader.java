package org.pathnorm.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.pathnorm.io.DataFormatException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.MatlabType;

/**
 * Reader of the SVHN cropped digits ({@code train_32x32.mat}, {@code test_32x32.mat}), MATLAB v5 files
 * holding {@code X}, uint8 [32, 32, 3, N] in MATLAB's column-major order, and {@code y}, [N, 1] with
 * labels 1–10 where 10 stands for the digit 0. Images are returned channel-major (3×32×32, as CIFAR),
 * pixels v/255, label 10 ↦ 0. The MAT container is parsed by mfl-core; everything it throws on a
 * malformed file becomes a {@link DataFormatException} naming the file.
 */
public final class SvhnReader {
  public static final ImageShape SHAPE = new ImageShape(3, 32, 32);

  private SvhnReader() {}

  public static Dataset read(String name, Path file) {
    if (!Files.isRegularFile(file)) throw new DataFormatException(file + ": file not found");
    Mat5File mat;
    try {
      mat = Mat5.readFromFile(file.toFile());
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file + ": file not found");
    } catch (IOException | RuntimeException e) {
      throw new DataFormatException(file + ": not a readable MATLAB v5 file (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
    try {
      Matrix x = variable(mat, file, "X", "uint8 [32, 32, 3, N]");
      Matrix y = variable(mat, file, "y", "[N, 1] labels 1..10");
      int[] xd = x.getDimensions();
      if (x.getType() != MatlabType.UInt8 || x.isComplex() || xd.length != 4 || xd[0] != 32 || xd[1] != 32 || xd[2] != 3) {
        throw new DataFormatException(file + ": variable X: expected uint8 [32, 32, 3, N], found " + describe(x));
      }
      int n = xd[3];
      int[] yd = y.getDimensions();
      if (y.isComplex() || !numeric(y.getType()) || yd.length != 2 || (long) yd[0] * yd[1] != n || Math.min(yd[0], yd[1]) > 1) {
        throw new DataFormatException(file + ": variable y: expected a real [" + n + ", 1] vector (one label per image of X), found "
            + describe(y));
      }
      return new Dataset(name, pixels(x, n), labels(y, n, file), SHAPE.size(), 10, SHAPE);
    } catch (DataFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DataFormatException(file + ": malformed MATLAB v5 data (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    } finally {
      try {
        mat.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** X(r, c, ch, n) at r + 32c + 1024ch + 3072n (column-major) ↦ channel-major [n][ch][r][c]. */
  private static float[] pixels(Matrix x, int n) {
    float[] px = new float[Math.multiplyExact(n, SHAPE.size())];
    byte[] plane = new byte[SHAPE.plane()];
    for (int s = 0; s < n; s++) {
      for (int ch = 0; ch < 3; ch++) {
        int src = s * SHAPE.size() + ch * SHAPE.plane();
        for (int c = 0; c < 32; c++) {
          for (int r = 0; r < 32; r++) plane[r * 32 + c] = x.getByte(src + r + 32 * c);
        }
        DataFiles.toUnit(plane, 0, px, src, plane.length);
      }
    }
    return px;
  }

  private static int[] labels(Matrix y, int n, Path file) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double v = y.getDouble(i);
      if (!(v >= 1 && v <= 10 && v == Math.rint(v))) {
        throw new DataFormatException(file + ": variable y, element " + i + ": expected a label 1..10, found " + v);
      }
      out[i] = (int) v % 10;
    }
    return out;
  }

  private static Matrix variable(Mat5File mat, Path file, String name, String expected) {
    for (var e : mat.getEntries()) {
      if (e.getName().equals(name)) {
        Array a = e.getValue();
        if (!(a instanceof Matrix)) {
          throw new DataFormatException(file + ": variable " + name + ": expected a numeric matrix " + expected + ", found "
              + a.getType());
        }
        return (Matrix) a;
      }
    }
    StringBuilder names = new StringBuilder();
    for (var e : mat.getEntries()) names.append(names.length() == 0 ? "" : ", ").append(e.getName());
    throw new DataFormatException(file + ": variable " + name + " (" + expected + ") missing; found [" + names + "]");
  }

  private static boolean numeric(MatlabType t) {
    switch (t) {
      case Double: case Single: case Int8: case UInt8: case Int16: case UInt16: case Int32: case UInt32: case Int64: case UInt64:
        return true;
      default:
        return false;
    }
  }

  private static String describe(Matrix m) {
    return m.getType() + (m.isComplex() ? " complex " : " ") + Arrays.toString(m.getDimensions());
  }
}
