package org.pathnorm.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format (as written by {@code safetensors.torch.save_file}): an 8-byte little-endian
 * header length N, N bytes of JSON mapping tensor names to {@code {"dtype", "shape", "data_offsets"}}
 * (plus an optional {@code "__metadata__"} of strings), then the raw little-endian data.
 *
 * <p>Reading validates the whole header before any tensor is allocated: header size, dtypes
 * (F32, F64, F16, BF16; converted to float), shapes, offsets in range, byte counts matching the shapes,
 * no overlapping or missing bytes. Writing produces F32 tensors and is atomic.
 */
public final class Safetensors {
  /** Largest header accepted (the reference implementation's limit). */
  static final long MAX_HEADER = 100L * 1024 * 1024;

  private Safetensors() {}

  /** A tensor as float values (converted from its stored dtype), shape as stored. */
  public record Tensor(String dtype, long[] shape, float[] data) {
    public long elements() {
      return Safetensors.elements(shape);
    }
  }

  /** The product of a shape's dimensions. */
  static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) n *= d;
    return n;
  }

  /** A file's tensors in header order and its string metadata. */
  public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  private record Entry(String name, String dtype, long[] shape, long begin, long end) {}

  /** Reads and validates a safetensors file; errors are {@link DataFormatException}s naming the file. */
  public static Contents read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) throw bad(file, "file", "at least 8 bytes (the header length)", size + " bytes");
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0);
      long headerLength = len.getLong(0);
      if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
        throw bad(file, "header length", "2.." + Math.min(MAX_HEADER, size - 8) + " bytes", Long.toString(headerLength));
      }
      ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
      readFully(ch, hb, 8);
      Object parsed;
      try {
        parsed = Json.parse(new String(hb.array(), StandardCharsets.UTF_8).strip());
      } catch (IllegalArgumentException e) {
        throw new DataFormatException(file + ": header: " + e.getMessage());
      }
      if (!(parsed instanceof Map<?, ?> header)) throw bad(file, "header", "a JSON object", "another JSON value");
      long dataSize = size - 8 - headerLength;
      Map<String, String> metadata = new LinkedHashMap<>();
      List<Entry> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : header.entrySet()) {
        String name = (String) e.getKey();
        if (name.equals("__metadata__")) {
          if (!(e.getValue() instanceof Map<?, ?> meta)) throw bad(file, "__metadata__", "an object of strings", "another value");
          for (Map.Entry<?, ?> m : meta.entrySet()) {
            if (!(m.getValue() instanceof String v)) throw bad(file, "__metadata__." + m.getKey(), "a string", String.valueOf(m.getValue()));
            metadata.put((String) m.getKey(), v);
          }
          continue;
        }
        entries.add(entry(file, name, e.getValue(), dataSize));
      }
      checkLayout(file, entries, dataSize);
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      long dataStart = 8 + headerLength;
      for (Entry en : entries) {
        int bytes = (int) (en.end - en.begin);
        ByteBuffer buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + en.begin);
        buf.rewind();
        tensors.put(en.name, new Tensor(en.dtype, en.shape, decode(en.dtype, buf, bytes / dtypeSize(en.dtype))));
      }
      return new Contents(tensors, metadata);
    }
  }

  private static Entry entry(Path file, String name, Object value, long dataSize) {
    if (!(value instanceof Map<?, ?> t)) throw bad(file, name, "an object with dtype, shape, data_offsets", String.valueOf(value));
    if (!(t.get("dtype") instanceof String dtype)) throw bad(file, name + ".dtype", "a string", String.valueOf(t.get("dtype")));
    if (dtypeSize(dtype) == 0) throw bad(file, name + ".dtype", "F32, F64, F16, BF16 or I64", dtype);
    if (!(t.get("shape") instanceof List<?> shapeList)) throw bad(file, name + ".shape", "a list of sizes", String.valueOf(t.get("shape")));
    long[] shape = new long[shapeList.size()];
    long elements = 1;
    for (int i = 0; i < shape.length; i++) {
      if (!(shapeList.get(i) instanceof Long d) || d < 0) throw bad(file, name + ".shape", "non-negative integers", shapeList.toString());
      shape[i] = d;
      elements = d == 0 ? 0 : (elements > Integer.MAX_VALUE ? elements : elements * d);
    }
    if (elements > Integer.MAX_VALUE - 8) throw bad(file, name + ".shape", "at most 2^31 elements", shapeList.toString());
    if (!(t.get("data_offsets") instanceof List<?> off) || off.size() != 2 || !(off.get(0) instanceof Long begin)
        || !(off.get(1) instanceof Long end)) {
      throw bad(file, name + ".data_offsets", "[begin, end]", String.valueOf(t.get("data_offsets")));
    }
    if (begin < 0 || end < begin || end > dataSize) {
      throw bad(file, name + ".data_offsets", "0 <= begin <= end <= " + dataSize + " (the data size)", "[" + begin + ", " + end + "]");
    }
    long expected = elements * dtypeSize(dtype);
    if (end - begin != expected) {
      throw bad(file, name + ".data_offsets", expected + " bytes for shape " + shapeList + " of " + dtype, (end - begin) + " bytes");
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  /** Tensors must tile the data section exactly: no overlap, no gap, no trailing bytes. */
  private static void checkLayout(Path file, List<Entry> entries, long dataSize) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long pos = 0;
    for (Entry e : sorted) {
      if (e.begin < pos) throw bad(file, e.name + ".data_offsets", "no overlap with the previous tensor (begin >= " + pos + ")", Long.toString(e.begin));
      if (e.begin > pos) throw bad(file, e.name + ".data_offsets", "to start at byte " + pos + " (no gap)", Long.toString(e.begin));
      pos = e.end;
    }
    if (pos != dataSize) throw bad(file, "data", pos + " bytes of tensor data", dataSize + " bytes");
  }

  static int dtypeSize(String dtype) {
    switch (dtype) {
      case "F32": return 4;
      case "F64": case "I64": return 8;
      case "F16": case "BF16": return 2;
      default: return 0;
    }
  }

  private static float[] decode(String dtype, ByteBuffer buf, int n) {
    float[] out = new float[n];
    switch (dtype) {
      case "F32": buf.asFloatBuffer().get(out); break;
      case "F64": for (int i = 0; i < n; i++) out[i] = (float) buf.getDouble(8 * i); break;
      case "I64": for (int i = 0; i < n; i++) out[i] = buf.getLong(8 * i); break;
      case "BF16": for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat((buf.getShort(2 * i) & 0xffff) << 16); break;
      default: for (int i = 0; i < n; i++) out[i] = halfToFloat(buf.getShort(2 * i)); break;
    }
    return out;
  }

  /** IEEE 754 binary16 → binary32, exact (subnormals, infinities and NaN included). */
  static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /**
   * Writes F32 tensors (in the given order) and string metadata, atomically.
   *
   * @param tensors name → (shape, data); data.length must equal the product of the shape
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    AtomicFiles.write(file, encode(tensors, metadata));
  }

  /**
   * The bytes of a safetensors file with F32 tensors in the given order and the metadata keys sorted,
   * so equal contents always give equal bytes.
   */
  public static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    Map<String, Slice> slices = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      Tensor t = e.getValue();
      if (t.elements() != t.data().length) {
        throw new IllegalArgumentException("tensor " + e.getKey() + ": shape has " + t.elements() + " elements, data "
            + t.data().length);
      }
      slices.put(e.getKey(), new Slice(t.shape(), t.data(), 0));
    }
    return encodeSlices(slices, metadata);
  }

  /** An F32 tensor of {@code shape} stored in {@code data} from {@code offset} on (a model's flat parameters, uncopied). */
  record Slice(long[] shape, float[] data, int offset) {
    int elements() {
      return Math.toIntExact(Safetensors.elements(shape));
    }
  }

  /**
   * {@link #encode} of tensors that are ranges of larger arrays. The file's bytes go straight into one array of its
   * exact size: a checkpoint after every epoch makes no other copy of the weights (fresh memory costs page faults).
   */
  static byte[] encodeSlices(Map<String, Slice> tensors, Map<String, String> metadata) {
    JsonWriter h = new JsonWriter().beginObject(null);
    if (!metadata.isEmpty()) {
      h.beginObject("__metadata__");
      for (Map.Entry<String, String> m : new TreeMap<>(metadata).entrySet()) h.value(m.getKey(), m.getValue());
      h.endObject();
    }
    long offset = 0;
    for (Map.Entry<String, Slice> e : tensors.entrySet()) {
      Slice t = e.getValue();
      h.beginObject(e.getKey()).value("dtype", "F32").beginArray("shape");
      for (long d : t.shape()) h.value(null, d);
      h.endArray().beginArray("data_offsets").value(null, offset).value(null, offset + 4L * t.elements()).endArray().endObject();
      offset += 4L * t.elements();
    }
    byte[] json = h.endObject().toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    long total = 8L + padded + offset;
    if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("safetensors file of " + total + " bytes: at most 2 GiB");
    byte[] file = new byte[(int) total];
    ByteBuffer out = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(json);
    while (out.position() < 8 + padded) out.put((byte) ' ');
    for (Slice t : tensors.values()) {
      int n = t.elements();
      out.asFloatBuffer().put(t.data(), t.offset(), n);
      out.position(out.position() + 4 * n);
    }
    return file;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos);
      if (r < 0) throw new DataFormatException("unexpected end of file at byte " + pos);
      pos += r;
    }
  }

  private static DataFormatException bad(Path file, String field, String expected, String found) {
    return new DataFormatException(file + ": " + field + ": expected " + expected + ", found " + found);
  }
}
