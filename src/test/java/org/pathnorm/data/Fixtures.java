package org.pathnorm.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;

/** Writers of small dataset files in the official formats, for the reader tests. */
final class Fixtures {
  private Fixtures() {}

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
    return b;
  }

  static byte[] labels(int n, int classes, long seed) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(classes);
    return b;
  }

  /** An IDX file: 00 00 08 ndims, big-endian sizes, data. */
  static byte[] idx(int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
    for (int d : dims) b.putInt(d);
    b.put(data);
    return b.array();
  }

  static byte[] gzip(byte[] data) {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try (OutputStream gz = new GZIPOutputStream(bos)) {
        gz.write(data);
      }
      return bos.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Writes an MNIST-style directory (train 60-style and t10k files); returns the pixel bytes {train, test}. */
  static byte[][] mnistDir(Path dir, int train, int test, int rows, int cols, boolean gz, long seed) throws IOException {
    byte[][] px = new byte[2][];
    String[] prefix = {"train", "t10k"};
    int[] n = {train, test};
    for (int k = 0; k < 2; k++) {
      px[k] = randomBytes(n[k] * rows * cols, seed + k);
      byte[] images = idx(new int[] {n[k], rows, cols}, px[k]);
      byte[] labels = idx(new int[] {n[k]}, labels(n[k], 10, seed + 10 + k));
      String suffix = gz ? ".gz" : "";
      Files.write(dir.resolve(prefix[k] + "-images-idx3-ubyte" + suffix), gz ? gzip(images) : images);
      Files.write(dir.resolve(prefix[k] + "-labels-idx1-ubyte" + suffix), gz ? gzip(labels) : labels);
    }
    return px;
  }

  /** CIFAR records: label byte(s) then 3072 pixel bytes. */
  static byte[] cifar(int n, int labelBytes, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] b = new byte[n * (labelBytes + 3072)];
    for (int i = 0; i < n; i++) {
      int o = i * (labelBytes + 3072);
      if (labelBytes == 2) {
        b[o] = (byte) r.nextInt(20);
        b[o + 1] = (byte) r.nextInt(classes);
      } else {
        b[o] = (byte) r.nextInt(classes);
      }
      for (int j = 0; j < 3072; j++) b[o + labelBytes + j] = (byte) r.nextInt(256);
    }
    return b;
  }

  /**
   * An SVHN-style MAT file written by mfl-core: X uint8 [32, 32, 3, n] with X(r, c, ch, s) =
   * pixel(s, ch, r, c), y double [n, 1] with labels 1..10.
   */
  static void svhn(Path file, byte[] chw, int[] labels1to10, String xName, String yName, MatlabType yType, boolean compress)
      throws IOException {
    svhn(file, chw, labels1to10, xName, yName, yType, compress, ByteOrder.LITTLE_ENDIAN);
  }

  /** A MAT file of the given variables, written by mfl-core (compressed). */
  static void mat(Path file, Map<String, Array> variables) throws IOException {
    MatFile mat = Mat5.newMatFile();
    variables.forEach(mat::addArray);
    Mat5.writeToFile(mat, file.toFile());
  }

  /** As above, compressed (zlib, miCOMPRESSED) or not, in the given byte order ("IM" or "MI" files). */
  static void svhn(Path file, byte[] chw, int[] labels1to10, String xName, String yName, MatlabType yType, boolean compress,
      ByteOrder order) throws IOException {
    int n = labels1to10.length;
    Matrix x = Mat5.newMatrix(new int[] {32, 32, 3, n}, MatlabType.UInt8);
    for (int s = 0; s < n; s++) {
      for (int ch = 0; ch < 3; ch++) {
        for (int r = 0; r < 32; r++) {
          for (int c = 0; c < 32; c++) {
            x.setByte(new int[] {r, c, ch, s}, chw[s * 3072 + ch * 1024 + r * 32 + c]);
          }
        }
      }
    }
    Matrix y = Mat5.newMatrix(new int[] {n, 1}, yType);
    for (int i = 0; i < n; i++) y.setDouble(i, labels1to10[i]);
    MatFile mat = Mat5.newMatFile().addArray(xName, x).addArray(yName, y);
    try (Sink sink = Sinks.newStreamingFile(file.toFile())) {
      sink.order(order);
      Mat5.newWriter(sink).setDeflateLevel(compress ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION).writeMat(mat);
    }
  }
}
