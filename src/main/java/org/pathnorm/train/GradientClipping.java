package org.pathnorm.train;

import java.util.Locale;
import org.pathnorm.simd.Kernels;

/**
 * Gradient clipping, applied by the {@link Trainer} to the summed mini-batch gradient g (the gradient
 * of the batch mean) before the optimiser sees it, as PyTorch's {@code clip_grad_norm_} and
 * {@code clip_grad_value_} do (the recurrent baselines of docs/algorithms.md §3.6, E7–E8). The norm is
 * summed in a fixed order, so clipping keeps training bit-identical for any thread count.
 */
public sealed interface GradientClipping {

  /** Rewrites g in place. */
  void apply(float[] g, Kernels kernels);

  /** Whether this clips at all. */
  default boolean active() {
    return true;
  }

  /** No clipping. */
  record None() implements GradientClipping {
    @Override public void apply(float[] g, Kernels kernels) {}

    @Override public boolean active() {
      return false;
    }

    @Override public String toString() {
      return "none";
    }
  }

  /** g ← g · min(1, max / ‖g‖₂) (PyTorch's clip_grad_norm_, without its 1e-6 guard). */
  record GlobalNorm(double max) implements GradientClipping {
    public GlobalNorm {
      if (!(max > 0) || Double.isInfinite(max)) throw new IllegalArgumentException("--clip-norm must be finite and > 0, got " + max);
    }

    @Override public void apply(float[] g, Kernels kernels) {
      double norm = Math.sqrt(kernels.sumSquares(g, 0, g.length));
      if (norm > max) kernels.scale((float) (max / norm), g, 0, g.length);
    }

    @Override public String toString() {
      return "norm:" + max;
    }
  }

  /** g_i ← min(max(g_i, −max), max) (PyTorch's clip_grad_value_). */
  record ElementWise(double max) implements GradientClipping {
    public ElementWise {
      if (!(max > 0) || Double.isInfinite(max)) throw new IllegalArgumentException("--clip-value must be finite and > 0, got " + max);
    }

    @Override public void apply(float[] g, Kernels kernels) {
      float m = (float) max;
      for (int i = 0; i < g.length; i++) g[i] = Math.max(-m, Math.min(m, g[i]));
    }

    @Override public String toString() {
      return "value:" + max;
    }
  }

  /** Parses {@code none}, {@code norm:C} or {@code value:C} (C &gt; 0). */
  static GradientClipping parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.equals("none")) return new None();
      if (t.startsWith("norm:")) return new GlobalNorm(Double.parseDouble(t.substring(5)));
      if (t.startsWith("value:")) return new ElementWise(Double.parseDouble(t.substring(6)));
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("--clip: expected none, norm:C or value:C with C > 0, got '" + s + "'");
  }
}
