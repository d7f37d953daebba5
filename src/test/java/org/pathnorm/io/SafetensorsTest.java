package org.pathnorm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Network;

class SafetensorsTest {

  /** A file laid out byte by byte as safetensors.torch.save_file writes it (header, then raw data). */
  static byte[] file(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
    out.writeBytes(h);
    out.writeBytes(data);
    return out.toByteArray();
  }

  static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) b.putFloat(x);
    return b.array();
  }

  @Test
  void aPyTorchSequentialFileWrittenByHandLoads(@TempDir Path dir) throws Exception {
    // nn.Sequential(Linear(3, 2), ReLU(), Linear(2, 1)) → 0.weight [2,3], 0.bias [2], 2.weight [1,2], 2.bias [1]
    String header = "{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[8,32]},"
        + "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[32,36]},"
        + "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[36,44]}}";
    byte[] data = floats(0.5f, -0.5f, 1, 2, 3, 4, 5, 6, 0.25f, 7, 8);
    Path f = dir.resolve("torch.safetensors");
    Files.write(f, file(header, data));
    Network net = NetworkFiles.load(f);
    assertEquals("3-2-1", net.architecture().toString());
    assertEquals(2f, net.weight(0, 0, 1));
    assertEquals(4f, net.weight(0, 1, 0));
    assertEquals(-0.5f, net.bias(0, 1));
    assertEquals(8f, net.weight(1, 0, 1));
    assertEquals(0.25f, net.bias(1, 0));
  }

  @Test
  void roundTripKeepsEveryBitAndPyTorchNames(@TempDir Path dir) throws Exception {
    Network net = new Network(new Architecture(5, 7, 6, 3));
    Initializer.PYTORCH.initialize(net, 4);
    Path f = dir.resolve("m.safetensors");
    NetworkFiles.save(f, net, Map.of("note", "x"));
    Safetensors.Contents c = Safetensors.read(f);
    assertEquals(java.util.List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"), java.util.List.copyOf(c.tensors().keySet()));
    assertArrayEquals(new long[] {7, 5}, c.tensors().get("0.weight").shape());
    assertEquals("5-7-6-3", c.metadata().get("pathnorm.architecture"));
    assertEquals("x", c.metadata().get("note"));
    assertEquals(0, (Files.size(f) - 8 - 0) % 4, "data is 4-byte aligned after the padded header");
    assertArrayEquals(net.parameters(), NetworkFiles.load(f).parameters(), 0f);
  }

  @Test
  void halfBfloatAndDoubleAreConverted(@TempDir Path dir) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(2 * 4 + 2 * 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001).putShort((short) 0x7C00); // F16: 1, -2, 2^-24, +inf
    b.putShort((short) 0x3F80).putShort((short) 0x4049); // BF16: 1, 3.140625
    b.putDouble(0.1);
    String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]},"
        + "\"d\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[12,20]}}";
    Path f = dir.resolve("t.safetensors");
    Files.write(f, file(header, b.array()));
    Safetensors.Contents c = Safetensors.read(f);
    assertArrayEquals(new float[] {1, -2, 0x1p-24f, Float.POSITIVE_INFINITY}, c.tensors().get("h").data(), 0f);
    assertArrayEquals(new float[] {1, 3.140625f}, c.tensors().get("b").data(), 0f);
    assertArrayEquals(new float[] {0.1f}, c.tensors().get("d").data(), 0f);
  }

  private static String error(Path dir, byte[] bytes) throws Exception {
    Path f = dir.resolve("bad.safetensors");
    Files.write(f, bytes);
    return assertThrows(DataFormatException.class, () -> Safetensors.read(f)).getMessage();
  }

  @Test
  void badFilesAreRefusedWithTheFieldNamed(@TempDir Path dir) throws Exception {
    String ok = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
    assertTrue(error(dir, new byte[3]).contains("at least 8 bytes"));
    byte[] truncated = file(ok, floats(1));
    assertTrue(error(dir, truncated).contains("w.data_offsets"), error(dir, truncated));
    byte[] hugeHeader = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
    assertTrue(error(dir, hugeHeader).contains("header length"));
    assertTrue(error(dir, file("{\"w\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]}}", floats(1, 2)))
        .contains("w.dtype: expected F32, F64, F16, BF16 or I64, found I32"));
    assertTrue(error(dir, file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", floats(1, 2)))
        .contains("12 bytes for shape [3]"));
    String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
    assertTrue(error(dir, file(overlap, floats(1, 2, 3))).contains("no overlap"));
    assertTrue(error(dir, file(ok, floats(1, 2, 3))).contains("data: expected 8 bytes of tensor data, found 12"));
    assertTrue(error(dir, file("{\"w\":", floats())).contains("header"));
    assertTrue(error(dir, file("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", floats())).contains("non-negative"));
  }

  @Test
  void networksWithChainingErrorsAreRefused(@TempDir Path dir) throws Exception {
    String header = "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
        + "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,4],\"data_offsets\":[24,40]}}";
    Path f = dir.resolve("n.safetensors");
    Files.write(f, file(header, floats(new float[10])));
    DataFormatException e = assertThrows(DataFormatException.class, () -> NetworkFiles.load(f));
    assertTrue(e.getMessage().contains("2.weight: expected 2 inputs"), e.getMessage());
  }

  @Test
  void writesAreAtomic(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("a.json");
    AtomicFiles.writeString(f, "first");
    assertThrows(java.io.IOException.class, () -> AtomicFiles.write(f, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new java.io.IOException("disk full");
    }));
    assertEquals("first", Files.readString(f), "a failed write must leave the old file");
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void jsonParser() {
    Object v = Json.parse(" {\"a\": [1, -2.5e3, true, null, \"x\\u0041\\n\"], \"b\": {}} ");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(java.util.List.of(1L, -2500.0, true, "xA\n"), ((java.util.List<?>) m.get("a")).stream()
        .filter(java.util.Objects::nonNull).toList());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("01"));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("k", "v");
    assertEquals(expected, Json.parse("{\"k\":\"v\"}"));
  }
}
