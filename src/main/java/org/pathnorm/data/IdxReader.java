package org.pathnorm.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reader of the IDX files of MNIST, Fashion-MNIST, KMNIST and EMNIST ({@code *-idx3-ubyte} images,
 * {@code *-idx1-ubyte} labels, raw or gzip): a big-endian header {@code 00 00 08 ndims} followed by
 * ndims 32-bit sizes and the unsigned bytes. Pixels become v/255 ∈ [0, 1], kept as the bytes
 * ({@link Dataset#ofUnitBytes}). Every size is checked against the file before anything is allocated.
 */
public final class IdxReader {
  private static final int UBYTE = 0x08;
  /** The largest float[] a JVM hands out. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /**
   * Reads an image file and its label file as one dataset.
   *
   * @param classes the number of classes; labels must lie in 0 … classes−1; 0: the largest label + 1
   */
  public static Dataset read(String name, Path images, Path labels, int classes) {
    int[] y = readLabels(labels);
    Images x = readImages(images);
    if (x.count != y.length) {
      throw new DataFormatException(images + ": image count " + x.count + " does not match the label count "
          + y.length + " of " + labels);
    }
    int c = classes;
    int max = -1;
    for (int v : y) max = Math.max(max, v);
    if (c == 0) c = Math.max(max + 1, 2);
    for (int i = 0; i < y.length; i++) {
      if (y[i] >= c) {
        throw new DataFormatException(labels + ": label " + i + ": expected 0.." + (c - 1) + ", found " + y[i]);
      }
    }
    return Dataset.ofUnitBytes(name, x.pixels, y, x.shape.size(), c, x.shape);
  }

  /** Pixels [count × 1 × rows × cols] as read, v standing for v / 255. */
  record Images(int count, ImageShape shape, byte[] pixels) {}

  static Images readImages(Path file) {
    DataFiles.Opened f = DataFiles.open(file);
    try (InputStream in = f.in()) {
      int[] dims = header(in, file, f.maxBytes(), 3);
      long per = (long) dims[1] * dims[2];
      ImageShape shape = new ImageShape(1, dims[1], dims[2]);
      int n = dims[0];
      byte[] px = new byte[n * shape.size()]; // n · per fits in the file: checked
      int rowsPerChunk = (int) Math.max(1, DataFiles.BUFFER / per);
      for (int first = 0; first < n; first += rowsPerChunk) {
        int rows = Math.min(rowsPerChunk, n - first);
        DataFiles.readFully(in, px, (int) (first * per), (int) (rows * per), file, "pixels of image " + first);
      }
      DataFiles.expectEnd(in, file, "image");
      return new Images(n, shape, px);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] readLabels(Path file) {
    DataFiles.Opened f = DataFiles.open(file);
    try (InputStream in = f.in()) {
      int n = header(in, file, f.maxBytes(), 1)[0];
      byte[] b = new byte[n];
      DataFiles.readFully(in, b, 0, n, file, "labels");
      DataFiles.expectEnd(in, file, "label");
      int[] y = new int[n];
      for (int i = 0; i < n; i++) y[i] = b[i] & 0xff;
      return y;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and checks the header: magic {@code 00 00 08 ndims}, then the sizes, whose product must fit
   * in the rest of the file (its ISIZE for gzip) and in a Java array.
   */
  private static int[] header(InputStream in, Path file, long maxBytes, int ndims) {
    byte[] h = new byte[4];
    DataFiles.readFully(in, h, 0, 4, file, "header (magic number)");
    if (h[0] != 0 || h[1] != 0) {
      throw new DataFormatException(file + ": magic number: expected 00 00 08 0" + ndims + ", found "
          + String.format("%02x %02x %02x %02x", h[0], h[1], h[2], h[3]) + " (not an IDX file)");
    }
    if ((h[2] & 0xff) != UBYTE) {
      throw new DataFormatException(file + ": data type: expected 0x08 (unsigned byte), found "
          + String.format("0x%02x", h[2]));
    }
    if (h[3] != ndims) {
      throw new DataFormatException(file + ": number of dimensions: expected " + ndims + " ("
          + (ndims == 1 ? "labels" : "images") + "), found " + (h[3] & 0xff));
    }
    byte[] d = new byte[4 * ndims];
    DataFiles.readFully(in, d, 0, d.length, file, "header (sizes)");
    int[] dims = new int[ndims];
    long per = 1; // bytes of one item: the product of all sizes but the count
    for (int i = 0; i < ndims; i++) {
      long v = u32(d, 4 * i);
      if (v > Integer.MAX_VALUE || (i > 0 && v == 0)) {
        throw new DataFormatException(file + ": size " + i + ": expected 1.." + Integer.MAX_VALUE + ", found " + v);
      }
      dims[i] = (int) v;
      if (i > 0) per = Math.min(per * v, Long.MAX_VALUE / Integer.MAX_VALUE);
    }
    long available = Math.max(0, maxBytes - 4 - 4L * ndims);
    long product = dims[0] * per;
    if (product > IdxReader.MAX_ARRAY || per > IdxReader.MAX_ARRAY) {
      throw new DataFormatException(file + ": sizes " + sizes(d, ndims) + ": the product exceeds the largest array ("
          + MAX_ARRAY + " values)");
    }
    if (product > available) {
      throw new DataFormatException(file + ": sizes " + sizes(d, ndims) + " need " + product
          + " bytes, but the file holds only " + available + " after the header (truncated or wrong sizes)");
    }
    return dims;
  }

  private static String sizes(byte[] d, int k) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < k; i++) {
      s.append(i == 0 ? "" : "x").append(u32(d, 4 * i));
    }
    return s.toString();
  }

  /** The big-endian unsigned 32-bit integer at {@code b[off]}. */
  private static long u32(byte[] b, int off) {
    return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
  }
}
