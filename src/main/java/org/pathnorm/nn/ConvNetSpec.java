package org.pathnorm.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A convolutional network written in one string, in the style of the feedforward {@code --arch}
 * (docs/algorithms.md §1.5):
 *
 * <pre>  CxHxW:token-token-…-classes</pre>
 *
 * with the input shape (channels × height × width, NCHW) and the tokens
 * <ul>
 *   <li>{@code c64k3} a 3×3 convolution to 64 channels, then a ReLU; optional {@code s2} (stride),
 *       {@code p1} (zero padding) and {@code bn} (a BatchNorm2d between the convolution and the ReLU),
 *       e.g. {@code c64k3p1bn};</li>
 *   <li>{@code mp2} / {@code ap4}: k×k max / average pooling, stride k unless {@code s…} follows;</li>
 *   <li>{@code fc512}: a hidden dense layer with a ReLU ({@code fc512bn}: with a BatchNorm1d before
 *       the ReLU); a flatten is inserted before the first dense layer;</li>
 *   <li>{@code do}: training dropout on the output of the layer before (an {@code nn.Dropout} module in
 *       PyTorch); without any {@code do} token the trainer's dropout applies after every hidden ReLU;</li>
 *   <li>the last token, a number: the linear output layer (the classes).</li>
 * </ul>
 * Two VGG presets stand for their token lists, with a width multiplier m applied to every conv and
 * hidden dense width (rounded, at least 1): {@code CxHxW:vgg*m-classes}, the VGG of the
 * Exploring-Gen appendix (conv stacks 2×64, 2×128, 2×256, 2×512 each with BN and ReLU, 2×2 max-pool
 * after the first three, 4×4 average pool, FC 512, linear classifier), and {@code CxHxW:vggref*m-classes},
 * the reference code's variant (no conv BN, 4×4 max-pool, BN in the FC layer); {@code *m} may be left out.
 * Both presets place dropout after each stack's pooling ({@code do} after every pooling token), as the
 * paper's appendix says; the probability is the trainer's {@code --dropout} (0: none).
 *
 * <p>The layers' module paths are the indices of the matching PyTorch {@code nn.Sequential}, whose
 * modules {@link #pytorchModules()} lists (ReLU and Flatten modules included), so a saved model loads
 * into it with {@code strict=True}.
 */
public final class ConvNetSpec {
  private static final Pattern SHAPE = Pattern.compile("(\\d+)x(\\d+)x(\\d+)");
  private static final Pattern CONV = Pattern.compile("c(\\d+)k(\\d+)((?:[sp]\\d+)*)(bn)?");
  private static final Pattern OPTION = Pattern.compile("([sp])(\\d+)");
  private static final Pattern POOL = Pattern.compile("(mp|ap)(\\d+)(?:s(\\d+))?");
  private static final Pattern FC = Pattern.compile("fc(\\d+)(bn)?");
  private static final Pattern PRESET = Pattern.compile("(vgg|vggref)(?:\\*([0-9.]+))?");

  private final String text;
  private final List<Layer> layers = new ArrayList<>();
  private final List<String> paths = new ArrayList<>();
  private final List<String> modules = new ArrayList<>();
  private final java.util.Set<Integer> dropoutSites = new java.util.TreeSet<>();

  private ConvNetSpec(String text) {
    this.text = text;
  }

  /** Whether {@code arch} is written in this syntax (it has an input shape before a colon). */
  public static boolean isConvSpec(String arch) {
    return arch.contains(":");
  }

  /**
   * Parses a network string.
   *
   * @throws IllegalArgumentException naming the token that is malformed or does not fit the shape
   */
  public static ConvNetSpec parse(String arch) {
    String s = arch.trim().toLowerCase(Locale.ROOT);
    int colon = s.indexOf(':');
    if (colon < 0) throw new IllegalArgumentException("--arch " + arch + ": expected CxHxW:tokens-…-classes, e.g. 3x32x32:c32k3p1-mp2-10");
    Matcher shape = SHAPE.matcher(s.substring(0, colon));
    if (!shape.matches()) throw new IllegalArgumentException("--arch " + arch + ": input shape must be CxHxW, got '" + s.substring(0, colon) + "'");
    List<String> tokens = expand(arch, s.substring(colon + 1).split("-", -1));
    ConvNetSpec spec = new ConvNetSpec(s);
    try {
      spec.build(Integer.parseInt(shape.group(1)), Integer.parseInt(shape.group(2)), Integer.parseInt(shape.group(3)), tokens);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--arch " + arch + ": number out of range (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--arch " + arch + ": " + e.getMessage());
    }
    return spec;
  }

  /** Replaces a preset by its tokens. */
  private static List<String> expand(String arch, String[] tokens) {
    List<String> out = new ArrayList<>();
    for (String t : tokens) {
      Matcher m = PRESET.matcher(t);
      if (!m.matches()) {
        out.add(t);
        continue;
      }
      double mult = 1;
      if (m.group(2) != null) {
        try {
          mult = Double.parseDouble(m.group(2));
        } catch (NumberFormatException e) {
          mult = Double.NaN;
        }
        if (!(mult > 0) || Double.isInfinite(mult)) {
          throw new IllegalArgumentException("--arch " + arch + ": width multiplier must be > 0, got '" + m.group(2) + "'");
        }
      }
      boolean paper = m.group(1).equals("vgg");
      String bn = paper ? "bn" : "";
      int[] widths = {64, 128, 256, 512};
      for (int stack = 0; stack < 4; stack++) {
        int c = Math.max(1, (int) Math.round(widths[stack] * mult));
        out.add("c" + c + "k3p1" + bn);
        out.add("c" + c + "k3p1" + bn);
        if (stack < 3) {
          out.add("mp2");
          out.add("do");
        }
      }
      out.add(paper ? "ap4" : "mp4");
      out.add("do");
      out.add("fc" + Math.max(1, (int) Math.round(512 * mult)) + (paper ? "" : "bn"));
    }
    return out;
  }

  private void build(int c, int h, int w, List<String> tokens) {
    if (c < 1 || h < 1 || w < 1) throw new IllegalArgumentException("input shape must be >= 1 in every dimension");
    if (tokens.size() < 1 || !tokens.get(tokens.size() - 1).matches("\\d+")) {
      throw new IllegalArgumentException("the last token must be the number of classes");
    }
    int index = 0;
    boolean flat = false;
    int features = 0;
    for (int t = 0; t < tokens.size(); t++) {
      String tok = tokens.get(t);
      boolean last = t == tokens.size() - 1;
      Matcher m;
      if (!last && (m = CONV.matcher(tok)).matches()) {
        if (flat) throw new IllegalArgumentException("token '" + tok + "': a convolution after a dense layer");
        int out = Integer.parseInt(m.group(1)), k = Integer.parseInt(m.group(2));
        int s = 1, p = 0;
        Matcher opt = OPTION.matcher(m.group(3));
        while (opt.find()) {
          if (opt.group(1).equals("s")) s = Integer.parseInt(opt.group(2));
          else p = Integer.parseInt(opt.group(2));
        }
        boolean bn = m.group(4) != null;
        Conv2d conv = new Conv2d(c, h, w, out, k, s, p, true, !bn);
        add(conv, index++, "nn.Conv2d(" + c + ", " + out + ", " + k + ", stride=" + s + ", padding=" + p + ")");
        if (bn) add(BatchNorm.of2d(out, conv.outHeight(), conv.outWidth(), true), index++, "nn.BatchNorm2d(" + out + ")");
        modules.add("nn.ReLU()");
        index++;
        c = out;
        h = conv.outHeight();
        w = conv.outWidth();
      } else if (!last && tok.equals("do")) {
        if (layers.isEmpty()) throw new IllegalArgumentException("token 'do': dropout needs a layer before it");
        dropoutSites.add(layers.size() - 1);
        modules.add("nn.Dropout()");
        index++;
      } else if (!last && (m = POOL.matcher(tok)).matches()) {
        if (flat) throw new IllegalArgumentException("token '" + tok + "': pooling after a dense layer");
        int k = Integer.parseInt(m.group(2)), s = m.group(3) == null ? k : Integer.parseInt(m.group(3));
        if (m.group(1).equals("mp")) {
          MaxPool2d pool = new MaxPool2d(c, h, w, k, s);
          add(pool, index++, "nn.MaxPool2d(" + k + ", stride=" + s + ")");
          h = pool.outHeight();
          w = pool.outWidth();
        } else {
          AvgPool2d pool = new AvgPool2d(c, h, w, k, s);
          add(pool, index++, "nn.AvgPool2d(" + k + ", stride=" + s + ")");
          h = pool.outHeight();
          w = pool.outWidth();
        }
      } else if (last || FC.matcher(tok).matches()) {
        if (!flat) {
          add(new Flatten(c, h, w), index++, "nn.Flatten()");
          features = c * h * w;
          flat = true;
        }
        if (last) {
          int classes = Integer.parseInt(tok);
          add(new Dense(features, classes, false), index++, "nn.Linear(" + features + ", " + classes + ")");
          break;
        }
        m = FC.matcher(tok);
        m.matches();
        int out = Integer.parseInt(m.group(1));
        boolean bn = m.group(2) != null;
        add(new Dense(features, out, !bn), index++, "nn.Linear(" + features + ", " + out + ")");
        if (bn) add(BatchNorm.of1d(out, true), index++, "nn.BatchNorm1d(" + out + ")");
        modules.add("nn.ReLU()");
        index++;
        features = out;
      } else {
        throw new IllegalArgumentException("token '" + tok + "': expected c<out>k<k>[s<s>][p<p>][bn], mp<k>[s<s>], ap<k>[s<s>], fc<n>[bn], do"
            + " or, last, the number of classes");
      }
    }
  }

  private void add(Layer layer, int index, String module) {
    layers.add(layer);
    paths.add(Integer.toString(index));
    modules.add(module);
  }

  /** The layers, input first. */
  public List<Layer> layers() {
    return List.copyOf(layers);
  }

  /** The layers (indices into {@link #layers()}) whose output training dropout masks; empty: every hidden ReLU layer's. */
  public java.util.Set<Integer> dropoutSites() {
    return java.util.Set.copyOf(dropoutSites);
  }

  /** The matching PyTorch modules, in {@code nn.Sequential} order (Python source, {@code nn} = torch.nn). */
  public List<String> pytorchModules() {
    return List.copyOf(modules);
  }

  /**
   * The model with PyTorch's default initialisation from {@code seed}: every convolution and dense
   * layer's weights and biases uniform in ±1/sqrt(fan-in) (kaiming_uniform with a = √5), batch norm
   * γ = 1, β = 0, running mean 0 and variance 1.
   */
  public Sequential build(long seed) {
    return build(seed, Initializer.PYTORCH);
  }

  /**
   * The model with the initialisation {@code init} from {@code seed} (docs/algorithms.md §3.1, §3.3), the
   * fan-in of a convolution being in·k·k: {@link Initializer#PYTORCH} as {@link #build(long)};
   * {@link Initializer#GAUSSIAN} W ~ N(0, 1/fan_in), b = 0; {@link Initializer#UNBALANCED} Gaussian, then
   * for every hidden ReLU layer (a convolution, its batch norm, or a hidden dense layer) with h
   * channels, h/4 picks of a channel rescaled by s = 10·exp(N(0,1)) ({@link Model#rescaleUnit}: the
   * same function). Batch norm starts at γ = 1, β = 0, running mean 0 and variance 1.
   */
  public Sequential build(long seed, Initializer init) {
    List<Layer> fresh = new ArrayList<>();
    for (Layer l : layers) fresh.add(l.copyState());
    Sequential model = new Sequential(fresh, paths, new float[Math.toIntExact(fresh.stream().mapToLong(Layer::parameterCount).sum())],
        dropoutSites);
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = model.parameters();
    for (int i = 0; i < fresh.size(); i++) {
      Layer l = fresh.get(i);
      int off = model.layerOffset(i);
      if (l instanceof BatchNorm bn) {
        bn.initialize(p, off);
      } else if (l.parameterCount() > 0) {
        int out = l.tensors().get(0).shape()[0];
        int weights = l.tensors().get(0).size();
        double fanIn = (double) weights / out;
        if (init == Initializer.PYTORCH) {
          double bound = 1 / Math.sqrt(fanIn);
          for (int e = off; e < off + l.parameterCount(); e++) p[e] = (float) r.nextDouble(-bound, bound);
        } else {
          double std = 1 / Math.sqrt(fanIn);
          for (int e = off; e < off + weights; e++) p[e] = (float) (r.nextGaussian() * std);
          java.util.Arrays.fill(p, off + weights, off + l.parameterCount(), 0f);
        }
      }
    }
    if (init == Initializer.UNBALANCED) {
      for (int i = 0; i < fresh.size() - 1; i++) {
        if (!fresh.get(i).relu()) continue;
        int h = fresh.get(i).units();
        for (int pick = 0; pick < h / 4; pick++) {
          int unit = r.nextInt(h);
          model.rescaleUnit(i, unit, 10 * Math.exp(r.nextGaussian()));
        }
      }
    }
    return model;
  }

  @Override public String toString() {
    return text;
  }
}
