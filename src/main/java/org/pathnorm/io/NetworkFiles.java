package org.pathnorm.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.DdpNormalization;
import org.pathnorm.nn.Network;

/**
 * Networks as safetensors files with PyTorch {@code nn.Sequential} names: the Linear layers of
 * {@code Sequential(Linear, ReLU, Linear, …)} are modules 0, 2, 4 …, so weight layer i is stored as
 * {@code (2i).weight} [out, in] and {@code (2i).bias} [out]. A file saved with
 * {@code safetensors.torch.save_file(model.state_dict(), …)} loads unchanged (any module numbering
 * and a common name prefix are accepted; a missing bias loads as zeros), and PathNorm's files load in
 * PyTorch. The metadata records the architecture.
 */
public final class NetworkFiles {
  private static final Pattern NAME = Pattern.compile("(.*?)(\\d+)\\.(weight|bias)");
  /** Running averages of a DDP-normalised hidden layer l: {@code ddpnorm.l.running_mean}, {@code ….running_statistic}. */
  private static final String NORM = "ddpnorm.";
  private static final String NORM_META = "pathnorm.ddp_normalization";

  private NetworkFiles() {}

  /** Writes {@code net} (atomically), with extra metadata entries ({@link ModelFiles#save} with the architecture recorded). */
  public static void save(Path file, Network net, Map<String, String> metadata) throws IOException {
    AtomicFiles.write(file, encode(net, metadata));
  }

  /** The bytes of {@link #save}: equal networks and metadata always give equal bytes. */
  public static byte[] encode(Network net, Map<String, String> metadata) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("pathnorm.architecture", net.architecture().toString());
    if (net.normalization() != null) meta.put(NORM_META, net.normalization().describe());
    meta.putAll(metadata);
    return ModelFiles.encode(net, meta);
  }

  /** Reads a network; errors name the file and the tensor. */
  public static Network load(Path file) throws IOException {
    return fromContents(file, Safetensors.read(file));
  }

  static Network fromContents(Path file, Safetensors.Contents contents) {
    for (Map.Entry<String, Safetensors.Tensor> e : contents.tensors().entrySet()) requireFinite(file, e.getKey(), e.getValue().data());
    TreeMap<Integer, Safetensors.Tensor> weights = new TreeMap<>();
    Map<Integer, Safetensors.Tensor> biases = new TreeMap<>();
    String prefix = null;
    for (Map.Entry<String, Safetensors.Tensor> e : contents.tensors().entrySet()) {
      if (e.getKey().startsWith(NORM)) continue;
      Matcher m = NAME.matcher(e.getKey());
      if (!m.matches()) {
        throw new DataFormatException(file + ": tensor " + e.getKey() + ": expected names like 0.weight, 0.bias, 2.weight");
      }
      if (prefix == null) prefix = m.group(1);
      if (!prefix.equals(m.group(1))) {
        throw new DataFormatException(file + ": tensor " + e.getKey() + ": expected the prefix '" + prefix + "' of the other tensors");
      }
      int module = Integer.parseInt(m.group(2));
      (m.group(3).equals("weight") ? weights : biases).put(module, e.getValue());
    }
    if (weights.isEmpty()) {
      throw new DataFormatException(file + ": tensors: expected Linear layers named like 0.weight, 0.bias, 2.weight; found none");
    }
    for (Integer module : biases.keySet()) {
      if (!weights.containsKey(module)) throw new DataFormatException(file + ": tensor " + prefix + module + ".bias: has no matching weight");
    }
    List<Integer> modules = new ArrayList<>(weights.keySet());
    int[] widths = new int[modules.size() + 1];
    for (int i = 0; i < modules.size(); i++) {
      Safetensors.Tensor w = weights.get(modules.get(i));
      String name = prefix + modules.get(i) + ".weight";
      if (w.shape().length != 2) throw new DataFormatException(file + ": tensor " + name + ": expected shape [out, in], found "
          + java.util.Arrays.toString(w.shape()));
      if (i == 0) widths[0] = (int) w.shape()[1];
      else if (w.shape()[1] != widths[i]) {
        throw new DataFormatException(file + ": tensor " + name + ": expected " + widths[i] + " inputs (the previous layer's outputs), found "
            + w.shape()[1]);
      }
      widths[i + 1] = (int) w.shape()[0];
      Safetensors.Tensor b = biases.get(modules.get(i));
      if (b != null && (b.shape().length != 1 || b.shape()[0] != widths[i + 1])) {
        throw new DataFormatException(file + ": tensor " + prefix + modules.get(i) + ".bias: expected shape [" + widths[i + 1] + "], found "
            + java.util.Arrays.toString(b.shape()));
      }
    }
    Architecture arch = new Architecture(widths);
    String recorded = contents.metadata().get("pathnorm.architecture");
    if (recorded != null && !recorded.equals(arch.toString())) {
      throw new DataFormatException(file + ": __metadata__.pathnorm.architecture: expected " + arch + " (from the tensor shapes), found " + recorded);
    }
    Network net = new Network(arch, new float[arch.parameters()], normalization(file, contents, arch));
    float[] p = net.parameters();
    for (int i = 0; i < modules.size(); i++) {
      float[] w = weights.get(modules.get(i)).data();
      System.arraycopy(w, 0, p, arch.weightOffset(i), w.length);
      Safetensors.Tensor b = biases.get(modules.get(i));
      if (b != null) System.arraycopy(b.data(), 0, p, arch.biasOffset(i), b.data().length);
    }
    return net;
  }

  /**
   * Refuses NaN and ±∞: a {@link DataFormatException} naming the file, the tensor and the first bad
   * value's index.
   */
  public static void requireFinite(Path file, String tensor, float[] data) {
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        throw new DataFormatException(file + ": tensor " + tensor + ": expected finite values, found " + data[i] + " at index " + i);
      }
    }
  }

  /** The DDP-Normalization recorded in the metadata, with its running averages, or null. */
  private static DdpNormalization normalization(Path file, Safetensors.Contents contents, Architecture arch) {
    String described = contents.metadata().get(NORM_META);
    if (described == null) return null;
    DdpNormalization norm;
    try {
      norm = DdpNormalization.parse(arch, described);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file + ": __metadata__." + NORM_META + ": " + e.getMessage());
    }
    for (int l = 1; l < arch.depth(); l++) {
      for (String kind : new String[] {"running_mean", "running_statistic"}) {
        Safetensors.Tensor t = contents.tensors().get(NORM + l + "." + kind);
        if (t == null || t.data().length != arch.width(l)) {
          throw new DataFormatException(file + ": tensor " + NORM + l + "." + kind + ": expected " + arch.width(l) + " values, found "
              + (t == null ? "none" : t.data().length));
        }
        System.arraycopy(t.data(), 0, kind.equals("running_mean") ? norm.runningMean(l) : norm.runningStatistic(l), 0, arch.width(l));
      }
    }
    return norm;
  }
}
