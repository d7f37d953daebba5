package org.pathnorm.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * A reader of the numeric matrices of a MATLAB level-5 MAT-file (the format of the SVHN files), as
 * MathWorks documents it ("MAT-File Format", 2021): a 128-byte header whose last two bytes are the
 * endian indicator "IM" (little-endian) or "MI", then data elements {@code [type u32, size u32, data,
 * padding to 8]} — or the small form {@code [size u16, type u16, 4 data bytes]} — where a top-level
 * element is an miMATRIX (14) or an miCOMPRESSED (15) zlib stream holding one. An miMATRIX holds
 * array flags (class in the low byte), dimensions, a name and the real part.
 *
 * <p>Written for hostile input: it streams, reads in full only the variables asked for, and
 * allocates a variable only after its declared size has been checked against its dimensions and
 * against what the file can hold (its size, or 1032 × its size inside a compressed element), so a
 * forged header yields a {@link DataFormatException}, never an OutOfMemoryError.
 */
final class MatV5Reader {
  static final int MI_INT8 = 1, MI_UINT8 = 2, MI_INT16 = 3, MI_UINT16 = 4, MI_INT32 = 5, MI_UINT32 = 6,
      MI_SINGLE = 7, MI_DOUBLE = 9, MI_INT64 = 12, MI_UINT64 = 13, MI_MATRIX = 14, MI_COMPRESSED = 15;
  /** MATLAB classes (mxCLASS) of numeric arrays: double 6 … uint64 15. */
  static final int MX_DOUBLE = 6, MX_UINT8 = 9, MX_UINT64 = 15;
  private static final String[] CLASS_NAMES = {"?", "cell", "struct", "object", "char", "sparse", "double", "single",
      "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"};

  private MatV5Reader() {}

  /** A numeric matrix: its class, dimensions and real part (elements of type {@code dataType}, column-major). */
  record Variable(String name, int matlabClass, boolean complex, int[] dims, int dataType, ByteBuffer data) {
    long elements() {
      long n = 1;
      for (int d : dims) n *= d;
      return n;
    }

    /** Element i of the real part as a double. */
    double get(int i) {
      switch (dataType) {
        case MI_INT8: return data.get(i);
        case MI_UINT8: return data.get(i) & 0xff;
        case MI_INT16: return data.getShort(2 * i);
        case MI_UINT16: return data.getShort(2 * i) & 0xffff;
        case MI_INT32: return data.getInt(4 * i);
        case MI_UINT32: return data.getInt(4 * i) & 0xffffffffL;
        case MI_SINGLE: return data.getFloat(4 * i);
        case MI_DOUBLE: return data.getDouble(8 * i);
        case MI_INT64: return data.getLong(8 * i);
        default: return data.getLong(8 * i); // MI_UINT64, read as signed: values of 2^63 and more are no labels anyway
      }
    }

    String describe() {
      return (matlabClass < CLASS_NAMES.length ? CLASS_NAMES[matlabClass] : "class " + matlabClass) + (complex ? " complex " : " ")
          + Arrays.toString(dims);
    }
  }

  /** The result: the variables asked for, and the names of all variables seen (for error messages). */
  record Contents(Map<String, Variable> variables, List<String> names) {}

  static Contents read(Path file, Set<String> wanted) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new DataFormatException(file + ": file not found");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), DataFiles.BUFFER)) {
      Cursor top = new Cursor(raw, file, size);
      byte[] header = top.bytes(128, "header");
      ByteOrder order;
      if (header[126] == 'I' && header[127] == 'M') order = ByteOrder.LITTLE_ENDIAN;
      else if (header[126] == 'M' && header[127] == 'I') order = ByteOrder.BIG_ENDIAN;
      else throw top.error("header endian indicator: expected IM or MI, found " + printable(header[126]) + printable(header[127])
          + " (not a MATLAB v5 MAT-file)");
      top.order = order;
      Map<String, Variable> vars = new LinkedHashMap<>();
      List<String> names = new ArrayList<>();
      while (top.remaining() > 0) {
        int[] tag = top.tag();
        if (tag[0] == MI_COMPRESSED) {
          long len = top.checkLength(tag[1] & 0xffffffffL, "compressed element");
          Limited compressed = new Limited(top.in, len);
          Cursor inner = new Cursor(new InflaterInputStream(compressed), file, len * DataFiles.MAX_DEFLATE_RATIO);
          inner.order = order;
          int[] t = inner.tag();
          if (t[0] != MI_MATRIX) throw inner.error("compressed element: expected an miMATRIX (14), found data type " + t[0]);
          matrix(inner, inner.checkLength(t[1] & 0xffffffffL, "matrix"), wanted, vars, names);
          compressed.drain(); // the zlib trailer and anything after the matrix
          top.consumed += len;
        } else if (tag[0] == MI_MATRIX) {
          matrix(top, top.checkLength(tag[1] & 0xffffffffL, "matrix"), wanted, vars, names);
          top.skip(top.padding(tag[1]), "padding");
        } else {
          throw top.error("top-level element: expected miMATRIX (14) or miCOMPRESSED (15), found data type " + tag[0]);
        }
      }
      return new Contents(vars, names);
    } catch (ZipException | EOFException e) {
      throw new DataFormatException(file + ": corrupt compressed element (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** One miMATRIX of {@code length} bytes: flags, dims, name, real part; the rest is skipped. */
  private static void matrix(Cursor c, long length, Set<String> wanted, Map<String, Variable> vars, List<String> names)
      throws IOException {
    long end = c.consumed + length;
    if (length == 0) return; // an empty matrix: nothing follows
    int[] t = c.tag();
    if (t[0] != MI_UINT32 || t[1] != 8) throw c.error("array flags: expected miUINT32 of 8 bytes, found type " + t[0] + " of " + t[1]);
    ByteBuffer flags = c.buffer(8, "array flags");
    int matlabClass = flags.getInt(0) & 0xff;
    boolean complex = (flags.getInt(0) & 0x800) != 0;
    t = c.tag();
    if (t[0] != MI_INT32 || t[1] < 8 || t[1] % 4 != 0 || t[1] > 4 * 32) {
      throw c.error("dimensions: expected miINT32 of 2..32 sizes, found type " + t[0] + " of " + t[1] + " bytes");
    }
    ByteBuffer db = c.buffer(t[1], "dimensions");
    c.skip(c.padding(t[1]), "padding");
    int[] dims = new int[t[1] / 4];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = db.getInt(4 * i);
      if (dims[i] < 0) throw c.error("dimension " + i + ": expected >= 0, found " + dims[i]);
    }
    t = c.tag();
    if (t[0] != MI_INT8 || t[1] > 4096) throw c.error("array name: expected miINT8 of at most 4096 bytes, found type " + t[0] + " of " + t[1]);
    String name = new String(c.bytes(t[1], "array name"), StandardCharsets.US_ASCII);
    c.skip(c.padding(t[1]), "padding");
    names.add(name);
    if (wanted.contains(name) && matlabClass >= MX_DOUBLE && matlabClass <= MX_UINT64) {
      t = c.tag();
      int width = width(t[0]);
      if (width == 0) throw c.error("variable " + name + ": real part: expected a numeric data type, found " + t[0]);
      long elements = 1;
      for (int d : dims) {
        elements *= d;
        if (elements > IdxReader.MAX_ARRAY) throw c.error("variable " + name + ": dimensions exceed the largest array");
      }
      long bytes = t[1] & 0xffffffffL;
      if (elements * width > IdxReader.MAX_ARRAY) {
        throw c.error("variable " + name + ": " + elements * width + " bytes of data exceed the largest array");
      }
      if (bytes != elements * width) {
        throw c.error("variable " + name + ": real part: expected " + elements * width + " bytes for " + elements
            + " elements, found " + bytes);
      }
      ByteBuffer data = c.buffer((int) bytes, "variable " + name);
      vars.put(name, new Variable(name, matlabClass, complex, dims, t[0], data));
      c.skip(c.padding(t[1]), "padding");
    } else if (wanted.contains(name)) {
      vars.put(name, new Variable(name, matlabClass, complex, dims, 0, ByteBuffer.allocate(0)));
    }
    if (c.consumed > end) throw c.error("matrix " + name + ": its elements overrun its declared size " + length);
    c.skip(end - c.consumed, "rest of matrix " + name);
  }

  private static int width(int type) {
    switch (type) {
      case MI_INT8: case MI_UINT8: return 1;
      case MI_INT16: case MI_UINT16: return 2;
      case MI_INT32: case MI_UINT32: case MI_SINGLE: return 4;
      case MI_DOUBLE: case MI_INT64: case MI_UINT64: return 8;
      default: return 0;
    }
  }

  private static String printable(byte b) {
    return b >= 32 && b < 127 ? Character.toString((char) b) : String.format("\\x%02x", b);
  }

  /** A stream with a byte order, a count of bytes consumed and a bound on what it can still hold. */
  private static final class Cursor {
    final InputStream in;
    final Path file;
    final long bound;
    long consumed;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    /** The data bytes of a small-format element, delivered by the next {@link #bytes} instead of the stream. */
    private byte[] pendingSmall;
    /** Whether the last tag was of the small format (no padding follows its data). */
    private boolean lastSmall;

    Cursor(InputStream in, Path file, long bound) {
      this.in = in;
      this.file = file;
      this.bound = bound;
    }

    long remaining() throws IOException {
      if (bound - consumed <= 0) return 0;
      in.mark(1);
      int b = in.read();
      if (b < 0) return 0;
      in.reset();
      return bound - consumed;
    }

    /** {type, size} of the next element; a small-format element keeps its ≤ 4 data bytes for the next read. */
    int[] tag() throws IOException {
      pendingSmall = null;
      ByteBuffer b = ByteBuffer.wrap(bytes(8, "element tag")).order(order);
      int first = b.getInt(0);
      // the small format keeps the size in the upper half of the first word, stored first or second by byte order
      int small = first >>> 16;
      lastSmall = small != 0;
      if (lastSmall) {
        if (small > 4) throw error("small data element: expected at most 4 bytes, found " + small);
        pendingSmall = Arrays.copyOfRange(b.array(), 4, 4 + small);
        return new int[] {first & 0xffff, small};
      }
      return new int[] {first, b.getInt(4)};
    }

    /** The padding after an element of {@code size} bytes: none for the small format, else to 8 bytes. */
    long padding(int size) {
      return lastSmall ? 0 : (8 - (size & 7)) & 7;
    }

    long checkLength(long len, String what) {
      if (len > bound - consumed) {
        throw error(what + ": declares " + len + " bytes, but at most " + Math.max(0, bound - consumed) + " remain");
      }
      return len;
    }

    byte[] bytes(int n, String what) throws IOException {
      if (pendingSmall != null) {
        byte[] small = pendingSmall;
        pendingSmall = null;
        if (n > small.length) throw error(what + ": expected " + n + " bytes, found " + small.length);
        return Arrays.copyOf(small, n);
      }
      checkLength(n, what);
      byte[] b = new byte[n];
      int done = 0;
      while (done < n) {
        int r = in.read(b, done, n - done);
        if (r < 0) throw error("truncated " + what + ": expected " + n + " bytes, found " + done);
        done += r;
      }
      consumed += n;
      return b;
    }

    ByteBuffer buffer(int n, String what) throws IOException {
      return ByteBuffer.wrap(bytes(n, what)).order(order);
    }

    void skip(long n, String what) throws IOException {
      checkLength(n, what);
      long left = n;
      byte[] junk = new byte[(int) Math.min(n, 8192)];
      while (left > 0) {
        int r = in.read(junk, 0, (int) Math.min(left, junk.length));
        if (r < 0) throw error("truncated " + what + ": expected " + n + " bytes, found " + (n - left));
        left -= r;
      }
      consumed += n;
    }

    DataFormatException error(String what) {
      return new DataFormatException(file + ": " + what);
    }
  }

  /** At most {@code limit} bytes of a stream, leaving the rest for the caller. */
  private static final class Limited extends FilterInputStream {
    private long left;

    Limited(InputStream in, long limit) {
      super(in);
      left = limit;
    }

    @Override public int read() throws IOException {
      if (left <= 0) return -1;
      int b = in.read();
      if (b >= 0) left--;
      return b;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) return -1;
      int r = in.read(b, off, (int) Math.min(len, left));
      if (r > 0) left -= r;
      return r;
    }

    void drain() throws IOException {
      byte[] junk = new byte[4096];
      while (read(junk, 0, junk.length) > 0) {
        // discard
      }
      if (left > 0) throw new EOFException("compressed element ends " + left + " bytes early");
    }

    @Override public void close() {
      // the outer stream stays open for the next element
    }
  }
}
