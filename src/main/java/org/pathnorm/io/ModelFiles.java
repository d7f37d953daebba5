package org.pathnorm.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.ParameterTensor;

/**
 * Any {@link Model} as a safetensors file: every parameter tensor under its PyTorch name and shape
 * ({@link Model#tensors()}), then the model's buffers, so the file loads into the matching PyTorch
 * module with {@code strict=True}. {@link NetworkFiles} reads feedforward networks whose structure is
 * not known in advance; this class writes any model and reads a file into a model of known structure.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /** Writes the model's tensors and buffers (atomically), with {@code metadata} (format {@code pt} first). */
  public static void save(Path file, Model model, Map<String, String> metadata) throws IOException {
    AtomicFiles.write(file, encode(model, metadata));
  }

  /** The bytes of {@link #save}: equal models and metadata always give equal bytes (metadata keys sorted). */
  public static byte[] encode(Model model, Map<String, String> metadata) throws IOException {
    float[] p = model.parameters();
    Map<String, Safetensors.Slice> tensors = new LinkedHashMap<>();
    for (ParameterTensor t : model.tensors()) {
      long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
      tensors.put(t.name(), new Safetensors.Slice(shape, p, t.offset()));
    }
    for (Map.Entry<String, float[]> b : model.buffers().entrySet()) {
      tensors.put(b.getKey(), new Safetensors.Slice(new long[] {b.getValue().length}, b.getValue(), 0));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");
    meta.putAll(metadata);
    return Safetensors.encodeSlices(tensors, meta);
  }

  /**
   * Reads {@code file} into {@code model}: every tensor and buffer the model has must be present with
   * its shape (a one-value buffer may be 0-d, as PyTorch writes {@code num_batches_tracked}), and the
   * file may hold no others.
   *
   * @throws DataFormatException naming the file and the tensor that is missing, extra or misshapen
   */
  public static void loadInto(Path file, Model model) throws IOException {
    Safetensors.Contents contents = Safetensors.read(file);
    for (Map.Entry<String, Safetensors.Tensor> e : contents.tensors().entrySet()) {
      NetworkFiles.requireFinite(file, e.getKey(), e.getValue().data());
    }
    Map<String, Safetensors.Tensor> remaining = new LinkedHashMap<>(contents.tensors());
    float[] p = model.parameters();
    for (ParameterTensor t : model.tensors()) {
      long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
      Safetensors.Tensor found = take(file, remaining, t.name(), shape);
      System.arraycopy(found.data(), 0, p, t.offset(), t.size());
    }
    for (Map.Entry<String, float[]> b : model.buffers().entrySet()) {
      // PyTorch stores a one-value buffer (num_batches_tracked) as a 0-d tensor
      boolean scalar = b.getValue().length == 1 && remaining.containsKey(b.getKey()) && remaining.get(b.getKey()).shape().length == 0;
      Safetensors.Tensor found = take(file, remaining, b.getKey(), scalar ? new long[0] : new long[] {b.getValue().length});
      System.arraycopy(found.data(), 0, b.getValue(), 0, b.getValue().length);
    }
    if (!remaining.isEmpty()) {
      throw new DataFormatException(file + ": tensor " + remaining.keySet().iterator().next() + ": not a tensor of the model "
          + model.describe());
    }
  }

  private static Safetensors.Tensor take(Path file, Map<String, Safetensors.Tensor> remaining, String name, long[] shape) {
    Safetensors.Tensor t = remaining.remove(name);
    if (t == null) throw new DataFormatException(file + ": tensor " + name + ": missing (expected shape " + Arrays.toString(shape) + ")");
    if (!Arrays.equals(t.shape(), shape)) {
      throw new DataFormatException(file + ": tensor " + name + ": expected shape " + Arrays.toString(shape) + ", found "
          + Arrays.toString(t.shape()));
    }
    return t;
  }
}
